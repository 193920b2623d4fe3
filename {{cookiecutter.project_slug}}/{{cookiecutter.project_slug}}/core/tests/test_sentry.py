"""Sentry start-up: nothing without a DSN; with one, no personal data and no secrets leave."""

import pytest
import sentry_sdk

from config.sentry import init_sentry

PASSWORD = "pw-in-a-request-body"  # pragma: allowlist secret
SETTINGS = {
    "environment": "staging",
    "release": "app@1.2.3",
    "sample_rate": 0.5,
    "traces_sample_rate": 0.1,
}


@pytest.fixture
def sentry_client():
    """A started SDK with a DSN no event can reach; the client is discarded afterwards."""
    started = init_sentry(dsn="https://public@sentry.invalid/1", **SETTINGS)
    client = sentry_sdk.get_client()
    yield started, client
    client.close(timeout=0)
    sentry_sdk.get_global_scope().set_client(None)


def test_without_a_dsn_the_sdk_is_not_started():
    assert init_sentry(dsn="", **SETTINGS) is False
    assert not sentry_sdk.get_client().is_active()


def test_with_a_dsn_the_sdk_reads_release_environment_and_rates(sentry_client):
    started, client = sentry_client

    assert started is True
    assert client.is_active()
    assert client.options["release"] == "app@1.2.3"
    assert client.options["environment"] == "staging"
    assert client.options["sample_rate"] == 0.5
    assert client.options["traces_sample_rate"] == 0.1
    assert client.should_send_default_pii() is False
    assert client.options["max_request_body_size"] == "never"


def test_passwords_tokens_and_emails_are_scrubbed_from_events(sentry_client):
    _, client = sentry_client
    event = {
        "request": {
            "headers": {"Authorization": "Bearer abc", "X-Request-ID": "trace-1"},
            "cookies": {"sessionid": "s3cr3t"},
        },
        "extra": {"payload": {"email": "a@example.com", "password": PASSWORD, "refresh": "r"}},
    }

    client.options["event_scrubber"].scrub_event(event)

    assert event["request"]["headers"]["Authorization"] != "Bearer abc"
    assert event["request"]["headers"]["X-Request-ID"] == "trace-1"
    payload = event["extra"]["payload"]
    assert "a@example.com" not in str(payload)
    assert PASSWORD not in payload.values()
    assert payload["refresh"] != "r"
