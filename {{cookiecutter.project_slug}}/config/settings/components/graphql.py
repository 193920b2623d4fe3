"""GraphQL at /graphql/: the schema and the limits that refuse a document before it runs."""

from config.settings.base import env

# The root schema, composed from the apps' schemas where the project is assembled (config/). The
# limits are read per request. Introspection and the GraphiQL IDE are off unless local.py turns them on.
GRAPHQL_SCHEMA = "config.schema_{{ cookiecutter.graphql }}.schema"
GRAPHQL_MAX_DEPTH = env.int("DJANGO_GRAPHQL_MAX_DEPTH", default=8)
GRAPHQL_MAX_ALIASES = env.int("DJANGO_GRAPHQL_MAX_ALIASES", default=15)
GRAPHQL_MAX_TOKENS = env.int("DJANGO_GRAPHQL_MAX_TOKENS", default=2000)
# Fields an operation may resolve, counted after fragment expansion with lists at their page
# sizes (core/graphql/cost.py); and the seconds it may run before its remaining fields fail.
GRAPHQL_MAX_COST = env.int("DJANGO_GRAPHQL_MAX_COST", default=25_000)
GRAPHQL_TIMEOUT_SECONDS = env.float("DJANGO_GRAPHQL_TIMEOUT_SECONDS", default=5.0)
GRAPHQL_INTROSPECTION = False
GRAPHQL_IDE = False
