"""/graphql/ is imported on its first request: loading the URL map loads no GraphQL library."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import resolve

from ..graphql.lazy import lazy_graphql_view

PROJECT_ROOT = Path(__file__).resolve().parents[3]
GRAPHQL_PACKAGES = {"graphql", "graphene", "graphene_django", "strawberry", "strawberry_django"}
# In a fresh interpreter: load the URL map, then print the top-level packages imported.
LOAD_URL_MAP = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted(set(name.split(".")[0] for name in sys.modules))))
"""


def test_loading_the_url_map_imports_no_graphql_library():
    result = subprocess.run(
        [sys.executable, "-c", LOAD_URL_MAP],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert set(json.loads(result.stdout.splitlines()[-1])) & GRAPHQL_PACKAGES == set()


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
