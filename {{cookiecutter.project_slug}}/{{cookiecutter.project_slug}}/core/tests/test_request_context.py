"""The request id: honoured or generated, echoed in the response, and on every log line."""

import json
import logging
import logging.config

import pytest
from django.conf import settings

from ..request_context import REQUEST_ID_HEADER, LogContextFilter, request_id


def test_a_response_carries_a_generated_request_id(client):
    response = client.get("/livez")

    assert len(response[REQUEST_ID_HEADER]) == 32


def test_each_request_gets_its_own_id(client):
    first = client.get("/livez")[REQUEST_ID_HEADER]
    second = client.get("/livez")[REQUEST_ID_HEADER]

    assert first != second


def test_a_well_formed_incoming_id_is_kept(client):
    response = client.get("/livez", HTTP_X_REQUEST_ID="edge-4f2c9a1b")

    assert response[REQUEST_ID_HEADER] == "edge-4f2c9a1b"


@pytest.mark.parametrize(
    "incoming",
    ["short", "has space in it", "x" * 200, "bad\nline-break-id", "<script>alert</script>"],
)
def test_a_malformed_incoming_id_is_replaced(client, incoming):
    response = client.get("/livez", HTTP_X_REQUEST_ID=incoming)

    assert response[REQUEST_ID_HEADER] != incoming
    assert len(response[REQUEST_ID_HEADER]) == 32


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/no/such/page/", "/api/v1/users/me/"])
def test_every_log_line_of_a_request_names_its_id(client, console_output, url):
    client.get(url, HTTP_X_REQUEST_ID="trace-0000-1111")

    lines = console_output.getvalue().splitlines()
    assert len(lines) == 2  # Django's 4xx warning, logged after the middleware, and the access line
    assert all("[trace-0000-1111]" in line for line in lines)
    assert request_id.get() == "-"


def test_the_access_line_says_what_was_asked_and_answered(client, console_output):
    client.get("/livez", HTTP_X_REQUEST_ID="trace-2222-3333")

    assert "GET /livez 200" in console_output.getvalue()


def test_outside_a_request_the_id_is_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "message", None, None)

    LogContextFilter().filter(record)

    assert record.request_id == "-"
    assert request_id.get() == "-"


def test_the_json_format_writes_one_object_per_line_with_the_request_id():
    configurator = logging.config.DictConfigurator(settings.LOGGING)
    # A copy: configure_formatter pops "()" from the dict it is given.
    formatter = configurator.configure_formatter(dict(settings.LOGGING["formatters"]["json"]))
    record = logging.LogRecord("app", logging.WARNING, __file__, 1, "disk %s", ("full",), None)
    token = request_id.set("trace-4444-5555")
    try:
        LogContextFilter().filter(record)
    finally:
        request_id.reset(token)

    line = json.loads(formatter.format(record))

    assert line["message"] == "disk full"
    assert line["level"] == "WARNING"
    assert line["logger"] == "app"
    assert line["request_id"] == "trace-4444-5555"
    assert "time" in line
