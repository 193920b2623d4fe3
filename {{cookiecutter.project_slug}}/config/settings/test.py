{% if cookiecutter.cache == "redis" -%}
"""Settings for the test suite: fast hashing, in-memory email; PostgreSQL and Redis when their URLs are set."""
{%- else -%}
"""Settings for the test suite: fast hashing and in-memory email; PostgreSQL when DATABASE_URL is set."""
{%- endif %}

from django.core.management.utils import get_random_secret_key

from .base import *

SECRET_KEY = get_random_secret_key()
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the finders: the suite never runs collectstatic.
WHITENOISE_AUTOREFRESH = True
