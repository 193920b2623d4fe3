"""The GraphQL endpoint's shared parts: authentication and throttling, limits, pages and errors."""
