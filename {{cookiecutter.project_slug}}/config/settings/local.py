"""Settings for a developer machine: DEBUG on; SQLite and local memory unless the environment says otherwise."""

import os
import string
import sys

from django.utils.crypto import get_random_string

from .base import *
from .base import CACHES, DATABASES, env
from .components import *
{%- if cookiecutter.graphql != "none" %}
from .components.graphql_local import *
{%- endif %}

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# The post-generation hook writes a real key to .env; a random one keeps a bare checkout working.
# Letters and digits only: django-environ reads a value starting with "$" as a reference to another
# variable (get_random_secret_key() can start with "$" and then recursed until RecursionError).
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default=get_random_string(64, allowed_chars=string.ascii_letters + string.digits),
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

# runserver's autoreloader imports settings again in a child process (RUN_MAIN=true):
# announce the backends from the parent only, so the line appears once.
if os.environ.get("RUN_MAIN") != "true":
    engine = DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache = "redis" if CACHES["default"]["BACKEND"].endswith("RedisCache") else "local memory"
{%- if cookiecutter.task_queue == "celery" %}
    tasks = "eager (no CELERY_BROKER_URL)" if CELERY_TASK_ALWAYS_EAGER else "broker"
    print(
        f"local settings: database={engine}, cache={cache}, tasks={tasks}",
        file=sys.stderr,
    )
{%- else %}
    print(f"local settings: database={engine}, cache={cache}", file=sys.stderr)
{%- endif %}

# Email goes to the console unless DJANGO_EMAIL_BACKEND says otherwise; Compose sends it over SMTP to Mailpit.
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=1025)
