"""WSGI entry point for gunicorn; production settings unless DJANGO_SETTINGS_MODULE says otherwise."""

import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
# The URL map and every view it names, imported now rather than by each worker's first request:
# gunicorn's preload_app (gunicorn.conf.py) then shares them between the workers it forks.
import_module(settings.ROOT_URLCONF)
