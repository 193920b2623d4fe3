"""The schema documents the common error body for every operation, and who may call it."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework import status

from ..openapi import ERROR_RESPONSE, HTTP_METHODS, add_error_responses


@pytest.mark.django_db
def test_every_operation_documents_the_4xx_error_body():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    operations = [op for item in schema["paths"].values() for op in item.values()]
    assert operations
    assert all(op["responses"]["4XX"] == ERROR_RESPONSE for op in operations)
    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]


def test_path_level_keys_are_left_alone_and_declared_errors_win():
    declared = {"description": "Conflict"}
    schema = {
        "paths": {
            "/x/": {
                "parameters": [{"name": "id", "in": "query"}],
                "post": {"responses": {"4XX": declared}},
            }
        }
    }

    add_error_responses(schema)

    assert schema["paths"]["/x/"]["parameters"] == [{"name": "id", "in": "query"}]
    assert schema["paths"]["/x/"]["post"]["responses"]["4XX"] is declared


@pytest.mark.django_db
def test_an_operation_lists_no_credentials_exactly_when_anonymous_callers_get_through(api_client):
    """``{}`` among an operation's security requirements means "no credentials needed": it must be
    there for every operation an anonymous caller is let into, and nowhere else."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    anonymous, protected = [], []

    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            url = re.sub(r"\{[^}]+\}", "1", path)
            response = api_client.generic(
                method.upper(), url, "{}", content_type="application/json"
            )
            refused = response.status_code in {status.HTTP_401_UNAUTHORIZED, 403}
            listed = {} in operation.get("security", [])
            assert refused != listed, f"{method.upper()} {path}: {response.status_code}"
            (anonymous if listed else protected).append(f"{method.upper()} {path}")

    assert "POST /api/v1/auth/register/" in anonymous
    assert "GET /api/v1/users/me/" in protected
{%- if cookiecutter.example_app == "ecommerce" %}
    assert "GET /api/v1/shop/products/" in anonymous
    assert "POST /api/v1/shop/products/" in protected
{%- elif cookiecutter.example_app == "cms" %}
    assert "GET /api/v1/cms/posts/" in anonymous
{%- endif %}


@pytest.mark.django_db
def test_page_parameters_are_documented_as_positive_integers():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    parameters = schema["paths"]["/api/v1/users/"]["get"]["parameters"]

    pages = {p["name"]: p["schema"] for p in parameters if p["name"] in {"page", "page_size"}}

    assert pages == {name: {"type": "integer", "minimum": 1} for name in ("page", "page_size")}
