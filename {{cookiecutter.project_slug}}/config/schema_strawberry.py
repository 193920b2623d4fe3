"""The strawberry schema: every app's queries and mutations, composed where the project is assembled.

The limits every request goes through are core's (core/graphql/schema_strawberry.py).
"""

from strawberry.tools import merge_types

{% if cookiecutter.example_app == "cms" -%}
from {{ cookiecutter.project_slug }}.cms.graphql import schema_strawberry as cms
{% endif -%}
from {{ cookiecutter.project_slug }}.core.graphql.schema_strawberry import build_schema
{%- if cookiecutter.example_app == "ecommerce" %}
from {{ cookiecutter.project_slug }}.shop.graphql import schema_strawberry as shop
{%- endif %}
from {{ cookiecutter.project_slug }}.users.graphql import schema_strawberry as users

# Every app's root types, merged: the schema answers the fields of all of them.
QUERIES = [
    users.Query,
{%- if cookiecutter.example_app == "ecommerce" %}
    shop.Query,
{%- elif cookiecutter.example_app == "cms" %}
    cms.Query,
{%- endif %}
]
MUTATIONS = [
    users.Mutation,
{%- if cookiecutter.example_app == "ecommerce" %}
    shop.Mutation,
{%- elif cookiecutter.example_app == "cms" %}
    cms.Mutation,
{%- endif %}
]

schema = build_schema(
    query=merge_types("Query", tuple(QUERIES)),
    mutation=merge_types("Mutation", tuple(MUTATIONS)),
)
