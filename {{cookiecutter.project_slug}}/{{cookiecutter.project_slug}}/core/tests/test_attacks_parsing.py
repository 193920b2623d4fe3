"""Hostile bodies, sent without signing in: each is refused quickly with 400 or 413 in the API's error shape.

Timings are generous bounds (a loaded CI machine passes them): the point is that no body costs
seconds or crashes the parser, not how fast a refusal is.
"""

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
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
@pytest.mark.parametrize("number", ["1e999999", "-1E400", "1.5e309"])
def test_a_number_too_large_for_a_float_is_refused_not_read_as_infinity(url, number):
    response, _ = send(url, '{"email": "a@example.com", "name": ' + number + "}")

    assert_error(response, 400, "json_number_out_of_range")


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


LIVEZ = "GET /livez HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"


@pytest.fixture(scope="module")
def gunicorn() -> Iterator[tuple[str, int]]:
    """gunicorn as the image starts it (gunicorn.conf.py in the project's root), on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DJANGO_ALLOWED_HOSTS": "localhost",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # The master listens at once; the worker imports Django first: wait for a real answer.
    deadline = time.monotonic() + 60
    while True:
        try:
            raw_request(("127.0.0.1", port), LIVEZ, timeout=60)
            break
        except OSError:
            assert server.poll() is None, "gunicorn exited"
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
    yield "127.0.0.1", port
    server.terminate()
    server.wait(timeout=30)


def raw_request(
    address: tuple[str, int], head: str, timeout: float = 10
) -> tuple[int, str, dict[str, Any]]:
    """Send ``head`` as it is; the status, Content-Type and JSON body of the answer."""
    with socket.create_connection(address, timeout=timeout) as connection:
        connection.sendall(head.encode("latin-1"))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    headers, _, body = answer.partition(b"\r\n\r\n")
    lines = headers.decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), fields.get("Content-Type", ""), json.loads(body)


@pytest.mark.parametrize(
    ("head", "status", "code"),
    [
        ("GET /livez?" + "a" * 5000 + " HTTP/1.1\r\nHost: x\r\n\r\n", 414, "uri_too_long"),
        (
            "GET /livez HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n" * 101 + "\r\n",
            431,
            "headers_too_large",
        ),
        (
            "GET /livez HTTP/1.1\r\nHost: x\r\nX-A: " + "b" * 9000 + "\r\n\r\n",
            431,
            "headers_too_large",
        ),
        ("NOT A REQUEST\r\n\r\n", 400, "bad_request"),
    ],
    ids=["request-line", "header-count", "header-size", "garbage"],
)
def test_gunicorn_refuses_what_it_cannot_read_in_the_error_shape(gunicorn, head, status, code):
    answer_status, content_type, body = raw_request(gunicorn, head)

    assert answer_status == status
    assert content_type == "application/json"
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code


def test_gunicorn_serves_a_request_line_just_within_its_limit(gunicorn):
    path = "/livez?" + "a" * 4000
    head = f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"

    status, _, body = raw_request(gunicorn, head)

    assert status == 200
    assert body == {"status": "ok"}
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
    ("body", "content_type", "code"),
    [
        ("{not json", "application/json", "parse_error"),
        ("[1, 2]", "application/json", "bad_request"),
        ("{}", "application/json", "bad_request"),
        ('{"query": {"not": "a string"}}', "application/json", "bad_request"),
        ('{"query": "{ __typename }", "variables": [1]}', "application/json", "bad_request"),
        ("{ __typename }", "text/plain", "bad_request"),
    ],
    ids=["malformed", "a-list", "no-query", "query-not-text", "variables-not-an-object", "text"],
)
def test_graphql_requests_it_cannot_read_are_refused_in_the_error_shape(body, content_type, code):
    response, _ = send(GRAPHQL, body, content_type)

    assert_error(response, 400, code)


def test_graphql_refuses_other_methods_in_the_error_shape():
    response = Client().put(GRAPHQL, "{}", content_type="application/json")

    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, POST"
{%- endif %}
