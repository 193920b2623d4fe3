"""The strawberry schema: every app's queries and mutations, composed where the project is assembled.

The limits every request goes through are core's (core/graphql/schema_strawberry.py).
"""

from strawberry.tools import merge_types

from {{ cookiecutter.project_slug }}.core.graphql.schema_strawberry import build_schema
{%- if cookiecutter.example_app == "ecommerce" %}
from {{ cookiecutter.project_slug }}.shop.graphql import schema_strawberry as shop
{%- elif cookiecutter.example_app == "cms" %}
from {{ cookiecutter.project_slug }}.cms.graphql import schema_strawberry as cms
{%- endif %}
from {{ cookiecutter.project_slug }}.users.graphql import schema_strawberry as users

schema = build_schema(
    query=merge_types(
        "Query",
        (
            users.Query,
{%- if cookiecutter.example_app == "ecommerce" %}
            shop.Query,
{%- elif cookiecutter.example_app == "cms" %}
            cms.Query,
{%- endif %}
        ),
    ),
    mutation=merge_types(
        "Mutation",
        (
            users.Mutation,
{%- if cookiecutter.example_app == "ecommerce" %}
            shop.Mutation,
{%- elif cookiecutter.example_app == "cms" %}
            cms.Mutation,
{%- endif %}
        ),
    ),
)
