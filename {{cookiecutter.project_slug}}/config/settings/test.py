"""Settings for the test suite: fast hashing, in-memory email; the services whose URLs are set."""

from django.core.management.utils import get_random_secret_key

from .base import *
from .components import *
{%- if cookiecutter.cache == "redis" %}
from .components.cache_test import *
{%- endif %}
{%- if cookiecutter.task_queue == "celery" %}
from .components.celery_test import *
{%- endif %}

SECRET_KEY = get_random_secret_key()
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the finders: the suite never runs collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
