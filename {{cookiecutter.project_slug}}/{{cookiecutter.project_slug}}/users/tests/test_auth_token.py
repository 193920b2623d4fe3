"""Token sign-in under /api/v1/auth/token/."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework import status
from rest_framework.authtoken.models import Token

from .factories import DEFAULT_PASSWORD, SPACED_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def obtain(api_client, email, password):
    return api_client.post(reverse("auth:token-obtain"), {"email": email, "password": password})


def test_right_credentials_give_a_token_that_authenticates(api_client, user):
    token = obtain(api_client, user.email.upper(), DEFAULT_PASSWORD).json()["token"]

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api_client.get(reverse("users:me"))

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["email"] == user.email


def test_signing_in_twice_returns_the_same_token(api_client, user):
    first = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["token"]
    second = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["token"]

    assert first == second


def test_a_wrong_password_gets_a_401_that_does_not_say_which_part_was_wrong(api_client, user):
    response = obtain(api_client, user.email, "wrong-password")

    assert response.status_code == status.HTTP_401_UNAUTHORIZED
    assert response.json()["error"]["message"] == "Invalid email or password."


def test_a_missing_field_is_a_400(api_client):
    response = api_client.post(reverse("auth:token-obtain"), {"email": "a@example.com"})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert "password" in response.json()["error"]["fields"]


def test_revoking_the_token_signs_the_client_out(api_client, user):
    token = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    revoked = api_client.post(reverse("auth:token-revoke"))

    assert revoked.status_code == status.HTTP_204_NO_CONTENT
    assert not Token.objects.filter(user=user).exists()
    assert api_client.get(reverse("users:me")).status_code == status.HTTP_401_UNAUTHORIZED


def age(token: Token, seconds: float) -> None:
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(seconds=seconds))


def test_a_token_older_than_its_lifetime_is_refused_and_deleted(api_client, user, settings):
    settings.TOKEN_TTL = timedelta(hours=1)
    token = Token.objects.create(user=user)
    age(token, 3601)

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api_client.get(reverse("users:me"))

    assert response.status_code == status.HTTP_401_UNAUTHORIZED
    assert response.json()["error"]["code"] == "token_expired"
    assert not Token.objects.filter(user=user).exists()


def test_a_token_within_its_lifetime_still_authenticates(api_client, user, settings):
    settings.TOKEN_TTL = timedelta(hours=1)
    token = Token.objects.create(user=user)
    age(token, 3500)

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert api_client.get(reverse("users:me")).status_code == status.HTTP_200_OK


def test_signing_in_with_an_expired_token_on_file_gives_a_fresh_one(api_client, user, settings):
    settings.TOKEN_TTL = timedelta(hours=1)
    old = Token.objects.create(user=user)
    age(old, 7200)

    new = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["token"]

    assert new != old.key
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {new}")
    assert api_client.get(reverse("users:me")).status_code == status.HTTP_200_OK


def test_rotating_swaps_the_token_and_the_old_key_stops_working(api_client, user):
    old = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {old}")

    rotated = api_client.post(reverse("auth:token-rotate"))

    assert rotated.status_code == status.HTTP_200_OK
    new = rotated.json()["token"]
    assert new != old
    assert api_client.get(reverse("users:me")).status_code == status.HTTP_401_UNAUTHORIZED
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {new}")
    assert api_client.get(reverse("users:me")).status_code == status.HTTP_200_OK


def test_rotating_needs_a_live_token(api_client):
    response = api_client.post(reverse("auth:token-rotate"))

    assert response.status_code == status.HTTP_401_UNAUTHORIZED


def test_a_password_is_taken_as_typed_with_its_spaces(api_client):
    user = UserFactory.create(password=SPACED_PASSWORD)

    stripped = obtain(api_client, user.email, SPACED_PASSWORD.strip())
    as_typed = obtain(api_client, user.email, SPACED_PASSWORD)

    assert stripped.status_code == status.HTTP_401_UNAUTHORIZED
    assert as_typed.status_code == status.HTTP_200_OK
