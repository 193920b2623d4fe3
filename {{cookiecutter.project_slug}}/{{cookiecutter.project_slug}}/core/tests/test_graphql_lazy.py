"""/graphql/ is imported on its first request: loading the URL map loads no GraphQL schema or view."""

import pytest
from django.urls import resolve

from ..graphql.lazy import lazy_graphql_view
from .settings_process import printed_by_fresh_interpreter

# In a fresh interpreter: load the URL map, then print every module imported.
LOAD_URL_MAP = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted(sys.modules)))
"""


def is_graphql_schema_or_view(module: str) -> bool:
    """The root schema, an app's schema or types, or the view: what the first request imports."""
    return module == "config.schema_{{ cookiecutter.graphql }}" or any(
        f".graphql.{part}_" in module for part in ("schema", "types", "view")
    )


def test_loading_the_url_map_imports_no_graphql_schema_or_view():
    loaded = printed_by_fresh_interpreter(LOAD_URL_MAP)

    assert [module for module in loaded if is_graphql_schema_or_view(module)] == []
    assert "config.urls" in loaded


def test_the_url_map_holds_a_csrf_exempt_view():
    view = resolve("/graphql/").func

    assert view.csrf_exempt is True


@pytest.mark.django_db
def test_the_view_is_built_once_and_answers(api_client):
    answers = [
        api_client.post("/graphql/", {"query": "{ __typename }"}, format="json") for _ in range(2)
    ]

    assert [answer.status_code for answer in answers] == [200, 200]
    assert answers[0].json() == {"data": {"__typename": "Query"}}


def test_a_missing_view_fails_on_first_use_not_at_start_up():
    view = lazy_graphql_view("no.such.module.View", "no.such.module.schema")

    with pytest.raises(ImportError):
        view(None)
