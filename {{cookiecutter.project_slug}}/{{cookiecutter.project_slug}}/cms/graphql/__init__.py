"""The cms app's part of the GraphQL schema (one module per GraphQL library)."""
