"""WSGI entry point for gunicorn; production settings unless DJANGO_SETTINGS_MODULE says otherwise."""

import os
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
from django.utils.module_loading import import_string

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
# The URL map and every view it names, imported now rather than by each worker's first request:
# gunicorn's preload_app (gunicorn.conf.py) then shares them between the workers it forks.
import_module(settings.ROOT_URLCONF)
# So are the classes that the first request would import: each cache's backend and client (made
# and dropped here; nothing connects before its first command), the session serializer and the
# message storage.
for alias in settings.CACHES:
    caches.create_connection(alias)
import_string(settings.SESSION_SERIALIZER)
import_string(settings.MESSAGE_STORAGE)
