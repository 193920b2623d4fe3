"""The graphene schema: every app's queries and mutations, composed where the project is assembled.

The limits live in the view's rules (core/graphql/view_graphene.py), shared by every app.
"""

import graphene

{% if cookiecutter.example_app == "ecommerce" -%}
from {{ cookiecutter.project_slug }}.shop.graphql import schema_graphene as shop
{% elif cookiecutter.example_app == "cms" -%}
from {{ cookiecutter.project_slug }}.cms.graphql import schema_graphene as cms
{% endif -%}
from {{ cookiecutter.project_slug }}.users.graphql import schema_graphene as users


class Query(
    users.Query,
{%- if cookiecutter.example_app == "ecommerce" %}
    shop.Query,
{%- elif cookiecutter.example_app == "cms" %}
    cms.Query,
{%- endif %}
    graphene.ObjectType,
):
    pass


class Mutation(
    users.Mutation,
{%- if cookiecutter.example_app == "ecommerce" %}
    shop.Mutation,
{%- elif cookiecutter.example_app == "cms" %}
    cms.Mutation,
{%- endif %}
    graphene.ObjectType,
):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
