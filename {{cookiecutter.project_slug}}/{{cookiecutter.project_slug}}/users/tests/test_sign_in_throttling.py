"""Sign-in is throttled per client IP and per account, whatever the password."""

import pytest
from django.urls import reverse
from rest_framework import status
from rest_framework.test import APIClient

from ..api.throttling import SignInAccountThrottle, SignInIPThrottle
from .factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db
{%- if cookiecutter.api_auth == "session" %}
URL = reverse("auth:login")
{%- else %}
URL = reverse("auth:token-obtain")
{%- endif %}


@pytest.fixture
def low_rates(monkeypatch):
    # DRF reads the rates once at import; patch the class attribute the throttles consult.
    rates = {"sign_in_ip": "5/minute", "sign_in_account": "3/minute"}
    monkeypatch.setattr(SignInIPThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(SignInAccountThrottle, "THROTTLE_RATES", rates)


def sign_in(client, email, password, ip="203.0.113.7"):
    return client.post(URL, {"email": email, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.usefixtures("low_rates")
def test_one_account_is_locked_after_its_rate_whatever_the_address(user):
    codes = [
        sign_in(APIClient(), user.email, "wrong-password", ip=f"198.51.100.{n}").status_code
        for n in range(4)
    ]

    assert codes[-1] == status.HTTP_429_TOO_MANY_REQUESTS
    assert status.HTTP_429_TOO_MANY_REQUESTS not in codes[:3]


@pytest.mark.usefixtures("low_rates")
def test_the_lock_holds_even_for_the_right_password_and_another_case(api_client, user):
    for _ in range(3):
        sign_in(api_client, user.email, "wrong-password", ip="198.51.100.1")

    response = sign_in(api_client, user.email.upper(), DEFAULT_PASSWORD, ip="198.51.100.2")

    assert response.status_code == status.HTTP_429_TOO_MANY_REQUESTS
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


@pytest.mark.usefixtures("low_rates")
def test_one_address_is_locked_after_its_rate_whatever_the_account(api_client):
    codes = [
        sign_in(api_client, f"guess{n}@example.com", "wrong-password").status_code for n in range(6)
    ]

    assert codes[-1] == status.HTTP_429_TOO_MANY_REQUESTS
    assert status.HTTP_429_TOO_MANY_REQUESTS not in codes[:5]


@pytest.mark.usefixtures("low_rates")
def test_another_address_and_account_are_not_affected(api_client, user):
    for n in range(6):
        sign_in(api_client, f"guess{n}@example.com", "wrong-password")

    response = sign_in(api_client, user.email, DEFAULT_PASSWORD, ip="192.0.2.99")

    assert response.status_code == status.HTTP_200_OK


@pytest.mark.usefixtures("low_rates")
def test_a_body_without_an_email_is_still_limited_per_address(api_client):
    codes = [api_client.post(URL, {}, REMOTE_ADDR="203.0.113.9").status_code for _ in range(6)]

    assert codes[:5] == [status.HTTP_400_BAD_REQUEST] * 5
    assert codes[-1] == status.HTTP_429_TOO_MANY_REQUESTS
