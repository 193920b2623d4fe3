"""Settings for a developer machine: DEBUG on; SQLite and local memory unless the environment says otherwise."""

import os
import sys

from django.core.management.utils import get_random_secret_key

from .base import *
from .base import DATABASES, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# The post-generation hook writes a real key to .env; a random one keeps a bare checkout working.
SECRET_KEY = env("DJANGO_SECRET_KEY", default=get_random_secret_key())
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
{%- if cookiecutter.graphql != "none" %}
# Explore the GraphQL schema in the browser: GraphiQL at /graphql/, introspection on.
GRAPHQL_INTROSPECTION = True
GRAPHQL_IDE = True
{%- endif %}

# runserver's autoreloader imports settings again in a child process (RUN_MAIN=true):
# announce the backends from the parent only, so the line appears once.
if os.environ.get("RUN_MAIN") != "true":
    engine = DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"local settings: database={engine}, cache=local memory", file=sys.stderr)
