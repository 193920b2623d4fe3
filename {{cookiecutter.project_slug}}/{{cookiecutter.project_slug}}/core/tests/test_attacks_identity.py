"""Attacks on who the caller is: forged forwarding headers and password guessing at the admin login.

Every per-IP limit names the caller with core/client_ip.py: X-Forwarded-For is believed only for
the entries the configured proxies added (``NUM_PROXIES``, 0 by default), so rotating the header
never resets a throttle. The admin's login form is limited per IP and per account, and refuses
sign-ins while the cache cannot count them (it fails closed).
"""

import itertools
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework import status
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

{% if cookiecutter.cache == "redis" -%}
from config.settings.components.cache import redis_cache

{% endif -%}
from {{ cookiecutter.project_slug }}.users.api.throttling import SignInAccountThrottle, SignInIPThrottle
from {{ cookiecutter.project_slug }}.users.tests.factories import DEFAULT_PASSWORD, UserFactory

from ..client_ip import client_ip

pytestmark = pytest.mark.django_db
{%- if cookiecutter.api_auth == "session" %}
SIGN_IN = reverse("auth:login")
{%- else %}
SIGN_IN = reverse("auth:token-obtain")
{%- endif %}
ADMIN_LOGIN = reverse("admin:login")
SPOOFED = (f"10.{n // 250}.{n % 250}.1" for n in itertools.count())


@pytest.fixture
def behind_one_proxy(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


@pytest.fixture
def low_sign_in_rates(monkeypatch):
    rates = {"sign_in_ip": "5/hour", "sign_in_account": "100/hour"}
    monkeypatch.setattr(SignInIPThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(SignInAccountThrottle, "THROTTLE_RATES", rates)


@pytest.fixture
def low_anon_rate(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/hour", "user": "3/hour"})


@pytest.fixture
def low_admin_rates(settings):
    # Day-long windows: a test never straddles a window's end.
    settings.ADMIN_LOGIN_RATES = {"ip": "8/day", "account": "4/day"}


def sign_in_attempt(client: APIClient, n: int, **headers: Any) -> int:
    password = "wrong-password"  # pragma: allowlist secret
    body = {"email": f"guess{n}@example.com", "password": password}
    return client.post(SIGN_IN, body, REMOTE_ADDR="203.0.113.7", **headers).status_code


@pytest.mark.usefixtures("low_sign_in_rates")
def test_rotating_x_forwarded_for_does_not_reset_the_sign_in_throttle(api_client):
    before = [sign_in_attempt(api_client, n) for n in range(6)]

    after = [
        sign_in_attempt(api_client, n, HTTP_X_FORWARDED_FOR=next(SPOOFED)) for n in range(6, 30)
    ]

    assert before[-1] == status.HTTP_429_TOO_MANY_REQUESTS
    assert set(after) == {status.HTTP_429_TOO_MANY_REQUESTS}


@pytest.mark.usefixtures("low_anon_rate")
def test_rotating_x_forwarded_for_does_not_reset_the_anonymous_rate(api_client):
    url = reverse("auth:register")
    for _ in range(3):
        api_client.post(url, {}, REMOTE_ADDR="203.0.113.8")

    codes = {
        api_client.post(
            url, {}, REMOTE_ADDR="203.0.113.8", HTTP_X_FORWARDED_FOR=next(SPOOFED)
        ).status_code
        for _ in range(20)
    }

    assert codes == {status.HTTP_429_TOO_MANY_REQUESTS}


@pytest.mark.usefixtures("low_sign_in_rates", "behind_one_proxy")
def test_behind_a_proxy_only_the_entry_it_added_counts(api_client):
    # The proxy appends the address it saw; the client writes whatever it likes before it.
    def through_proxy(n: int, real: str) -> int:
        return sign_in_attempt(api_client, n, HTTP_X_FORWARDED_FOR=f"{next(SPOOFED)}, {real}")

    codes = [through_proxy(n, "198.51.100.20") for n in range(30)]
    another_client = through_proxy(31, "198.51.100.21")

    assert status.HTTP_429_TOO_MANY_REQUESTS not in codes[:5]
    assert set(codes[5:]) == {status.HTTP_429_TOO_MANY_REQUESTS}
    assert another_client != status.HTTP_429_TOO_MANY_REQUESTS


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        (None, "192.0.2.1"),
        ("198.51.100.5", "198.51.100.5"),
        ("1.2.3.4, 198.51.100.5", "198.51.100.5"),
        (" 2001:DB8::1 ", "2001:db8::1"),
        ("not-an-address", "192.0.2.1"),
        ("", "192.0.2.1"),
    ],
)
def test_client_ip_behind_one_proxy(rf, behind_one_proxy, forwarded, expected):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}

    assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.1", **headers)) == expected


def test_client_ip_trusts_no_header_by_default(rf):
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.5")

    assert client_ip(request) == "192.0.2.1"


def test_client_ip_ignores_a_header_shorter_than_the_proxy_chain(rf, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 2}
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.5")

    assert client_ip(request) == "192.0.2.1"


# The admin login


def admin_login(client: Client, email: str, password: str, ip: str = "203.0.113.50", **headers):
    return client.post(
        ADMIN_LOGIN,
        {"username": email, "password": password, "next": "/"},
        REMOTE_ADDR=ip,
        **headers,
    )


@pytest.fixture
def admin_user():
    return UserFactory(is_staff=True, is_superuser=True)


def test_the_admin_login_still_works(admin_user):
    response = admin_login(Client(), admin_user.email, DEFAULT_PASSWORD)

    assert response.status_code == status.HTTP_302_FOUND
    assert response.wsgi_request.user == admin_user


def test_twenty_five_wrong_passwords_then_the_right_one_does_not_sign_in(admin_user):
    client = Client()
    wrong = [admin_login(client, admin_user.email, "wrong").status_code for _ in range(25)]

    response = admin_login(client, admin_user.email, DEFAULT_PASSWORD)

    assert status.HTTP_429_TOO_MANY_REQUESTS in wrong
    assert response.status_code == status.HTTP_429_TOO_MANY_REQUESTS
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("low_admin_rates")
def test_one_admin_account_is_locked_whatever_the_address(admin_user):
    codes = [
        admin_login(Client(), admin_user.email, "wrong", ip=f"198.51.100.{n}").status_code
        for n in range(5)
    ]

    response = admin_login(Client(), admin_user.email.upper(), DEFAULT_PASSWORD, ip="192.0.2.9")

    assert codes == [status.HTTP_200_OK] * 4 + [status.HTTP_429_TOO_MANY_REQUESTS]
    assert response.status_code == status.HTTP_429_TOO_MANY_REQUESTS


@pytest.mark.usefixtures("low_admin_rates")
def test_one_address_is_locked_whatever_the_account_and_forged_header(admin_user):
    client = Client()
    codes = [
        admin_login(
            client, f"guess{n}@example.com", "wrong", HTTP_X_FORWARDED_FOR=next(SPOOFED)
        ).status_code
        for n in range(12)
    ]

    response = admin_login(client, admin_user.email, DEFAULT_PASSWORD)
    elsewhere = admin_login(Client(), admin_user.email, DEFAULT_PASSWORD, ip="192.0.2.10")

    assert codes == [status.HTTP_200_OK] * 8 + [status.HTTP_429_TOO_MANY_REQUESTS] * 4
    assert response.status_code == status.HTTP_429_TOO_MANY_REQUESTS
    assert elsewhere.status_code == status.HTTP_302_FOUND


def test_the_login_page_itself_is_not_counted(admin_user, low_admin_rates):
    client = Client()
    for _ in range(20):
        client.get(ADMIN_LOGIN, REMOTE_ADDR="203.0.113.50")

    assert admin_login(client, admin_user.email, DEFAULT_PASSWORD).status_code == 302


def test_the_admin_login_fails_closed_when_the_cache_cannot_count(admin_user, settings):
    # A cache that stores nothing: what an unreachable one looks like to the counters.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client = Client()

    response = admin_login(client, admin_user.email, DEFAULT_PASSWORD)

    assert response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE
    assert response.json()["error"]["code"] == "login_unavailable"
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session
{%- if cookiecutter.cache == "redis" %}


def test_the_admin_login_fails_closed_while_redis_is_down(admin_user, settings):
    # Nothing listens on port 1: every call fails, as with a Redis that is stopped.
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0")}

    response = admin_login(Client(), admin_user.email, DEFAULT_PASSWORD)

    assert response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE
{%- endif %}
