"""The integrations chosen at generation, one settings module each, imported after base.py.

Every environment's settings read ``from .base import *`` then ``from .components import *``. A module
here exists only in projects that chose its integration; removing one (and its line below) removes the
integration's settings whole.
"""

# One line per integration chosen at generation.
{%- if cookiecutter.api_auth == "jwt" %}
from .auth_jwt import *
{%- elif cookiecutter.api_auth == "token" %}
from .auth_token import *
{%- endif %}
{%- if cookiecutter.cache == "redis" %}
from .cache import *
{%- endif %}
{%- if cookiecutter.task_queue == "celery" %}
from .celery import *
{%- endif %}
{%- if cookiecutter.graphql != "none" %}
from .graphql import *
{%- endif %}
{%- if cookiecutter.prometheus == "y" %}
from .metrics import *
{%- endif %}
{%- if cookiecutter.prometheus == "y" and cookiecutter.task_queue == "celery" %}
from .metrics_celery import *
{%- endif %}
