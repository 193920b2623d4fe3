"""Hostile bodies, sent without signing in: each is refused quickly with 400 or 413 in the API's error shape.

Timings are generous bounds (a loaded CI machine passes them): the point is that no body costs
seconds or crashes the parser, not how fast a refusal is.
"""

import json
import time
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SIGN_UP = "/api/v1/auth/register/"
{%- if cookiecutter.graphql != "none" %}
GRAPHQL = "/graphql/"
URLS = [SIGN_UP, GRAPHQL]
{%- else %}
URLS = [SIGN_UP]
{%- endif %}
DEPTH = 10_000
# About 20 KB each: ten thousand levels of arrays, or of objects.
NESTED = {
    "arrays": "[" * DEPTH + "]" * DEPTH,
    "objects": '{"a":' * (DEPTH // 2) + "1" + "}" * (DEPTH // 2),
}
TEN_MB = 10 * 1024 * 1024


@pytest.fixture(autouse=True)
def _warm() -> None:
    """The first request of a process imports and builds what every later one reuses: not timed."""
    for url in URLS:
        Client().post(url, "{}", content_type="application/json")


def send(url: str, body: str | bytes, content_type: str = "application/json") -> tuple[Any, float]:
    started = time.perf_counter()
    response = Client().post(url, body, content_type=content_type)
    return response, time.perf_counter() - started


def assert_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status
    assert error["code"] == code
    assert error["message"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("shape", NESTED)
def test_a_body_nested_ten_thousand_levels_deep_is_refused_quickly(url, shape):
    response, seconds = send(url, NESTED[shape])

    assert_error(response, 400, "json_too_deep")
    assert seconds < 1


@pytest.mark.parametrize("url", URLS)
def test_nesting_just_past_the_limit_is_refused_and_at_the_limit_is_parsed(url, settings):
    limit = settings.JSON_MAX_DEPTH
    too_deep = {"email": "a@example.com", "x": json.loads("[" * limit + "]" * limit)}
    at_limit = {"email": "a@example.com", "x": json.loads("[" * (limit - 1) + "]" * (limit - 1))}

    refused, _ = send(url, json.dumps(too_deep))
    parsed, _ = send(url, json.dumps(at_limit))

    assert_error(refused, 400, "json_too_deep")
    # Parsed, then refused (or answered) for what it says, never for its shape.
    assert parsed.status_code in (200, 400)
    assert parsed.json().get("error", {}).get("code") != "json_too_deep"


@pytest.mark.parametrize("url", URLS)
def test_a_body_with_more_values_than_the_limit_is_refused(url, settings):
    body = json.dumps({"email": "a@example.com", "x": [0] * settings.JSON_MAX_ITEMS})

    response, seconds = send(url, body)

    assert_error(response, 400, "json_too_many_items")
    assert seconds < 1


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        '{"email": "a@example.com", "x": NaN}',
        '{"x": ' + "9" * 5000 + "}",  # longer than Python converts to an int
        b'{"x": "\xff\xfe"}',
    ],
    ids=["malformed", "nan", "huge-integer", "bad-utf8"],
)
def test_a_body_that_is_not_json_is_refused_in_the_error_shape(url, body):
    response, _ = send(url, body)

    assert_error(response, 400, "parse_error")


@pytest.mark.parametrize("url", URLS)
def test_a_ten_megabyte_body_is_refused_with_413_before_it_is_parsed(url):
    body = json.dumps({"query": "{ __typename }", "padding": "a" * TEN_MB})

    response, seconds = send(url, body)

    assert_error(response, 413, "request_too_large")
    assert seconds < 1


def test_a_ten_megabyte_form_outside_the_api_gets_413_in_the_error_shape(settings):
    response, _ = send(
        f"/{settings.ADMIN_URL}login/",
        "username=a&password=" + "a" * TEN_MB,
        content_type="application/x-www-form-urlencoded",
    )

    assert_error(response, 413, "request_too_large")
{%- if cookiecutter.graphql != "none" %}


@pytest.mark.parametrize(
    "body",
    [
        "[" * DEPTH + "]" * DEPTH,
        '{"query": "{ __typename }", "variables": {"a": ' + "[" * DEPTH + "]" * DEPTH + "}}",
    ],
    ids=["body", "variables"],
)
def test_graphql_refuses_deep_json_wherever_it_is(body):
    response, seconds = send(GRAPHQL, body)

    assert_error(response, 400, "json_too_deep")
    assert seconds < 1


def test_graphql_variables_in_a_query_string_are_parsed_with_the_same_bounds():
    response = Client().get(GRAPHQL, {"query": "{ __typename }", "variables": "[" * DEPTH})

    assert response.status_code == 400
    assert response.json()["error"]["code"] in ("json_too_deep", "parse_error")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[1, 2]", "application/json"),
        ("{}", "application/json"),
        ('{"query": {"not": "a string"}}', "application/json"),
        ('{"query": "{ __typename }", "variables": [1]}', "application/json"),
        ("{ __typename }", "text/plain"),
    ],
    ids=["malformed", "a-list", "no-query", "query-not-text", "variables-not-an-object", "text"],
)
def test_graphql_requests_it_cannot_read_are_refused_in_the_error_shape(body, content_type):
    response, _ = send(GRAPHQL, body, content_type)

    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["status"] == 400


def test_graphql_refuses_other_methods_in_the_error_shape():
    response = Client().put(GRAPHQL, "{}", content_type="application/json")

    assert_error(response, 405, "method_not_allowed")
{%- endif %}
