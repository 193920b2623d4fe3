"""GraphQL on a developer machine (local.py): explore the schema in the browser."""

# GraphiQL at /graphql/, introspection on. Its page loads React and GraphiQL from this project's
# static files (core/graphql/ide.py): it works offline, under the same Content-Security-Policy as
# every other page.
GRAPHQL_INTROSPECTION = True
GRAPHQL_IDE = True
