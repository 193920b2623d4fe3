"""The GraphQL connections api_bench.py reads page 1 of, beside the REST lists (graphql is not none)."""

from bench_endpoints import Endpoint

GRAPHQL = "/graphql/"
USERS_QUERY = """
query Users($limit: Int) {
  users(limit: $limit) { totalCount results { id email name isStaff } }
}
"""
{%- if cookiecutter.example_app == "ecommerce" %}
PRODUCTS_QUERY = """
query Products($limit: Int) {
  products(limit: $limit) { totalCount results { id name price category { slug } } }
}
"""
CATEGORIES_QUERY = """
query Categories($limit: Int) {
  categories(limit: $limit) { totalCount results { slug parentId } }
}
"""
ORDERS_QUERY = """
query Orders($limit: Int) {
  orders(limit: $limit) {
    totalCount
    results { id status total items { quantity lineTotal product { sku name } } }
  }
}
"""
{%- elif cookiecutter.example_app == "cms" %}
POSTS_QUERY = """
query Posts($limit: Int) {
  posts(limit: $limit) {
    totalCount
    results { id title commentCount author { name } category { slug } tags { slug } }
  }
}
"""
PAGES_QUERY = """
query Pages($limit: Int) {
  pages(limit: $limit) { totalCount results { id title } }
}
"""
{%- endif %}


def graphql_lists() -> list[Endpoint]:
    """Every connection, as the caller who reads it."""
    return [
{%- if cookiecutter.example_app == "ecommerce" %}
        Endpoint("GraphQL products", "public", GRAPHQL, PRODUCTS_QUERY),
        Endpoint("GraphQL categories", "public", GRAPHQL, CATEGORIES_QUERY),
        Endpoint("GraphQL orders", "customer", GRAPHQL, ORDERS_QUERY),
{%- elif cookiecutter.example_app == "cms" %}
        Endpoint("GraphQL posts", "public", GRAPHQL, POSTS_QUERY),
        Endpoint("GraphQL pages", "public", GRAPHQL, PAGES_QUERY),
{%- endif %}
        Endpoint("GraphQL users", "staff", GRAPHQL, USERS_QUERY),
    ]
