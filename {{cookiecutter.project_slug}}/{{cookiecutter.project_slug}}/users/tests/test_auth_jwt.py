"""JWT sign-in under /api/v1/auth/token/."""

import pytest
from django.urls import reverse
from rest_framework import status

from .factories import DEFAULT_PASSWORD, SPACED_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def obtain(api_client, email, password):
    return api_client.post(reverse("auth:token-obtain"), {"email": email, "password": password})


def test_right_credentials_give_an_access_and_a_refresh_token(api_client, user):
    response = obtain(api_client, user.email, DEFAULT_PASSWORD)

    assert response.status_code == status.HTTP_200_OK
    assert set(response.json()) == {"access", "refresh"}


def test_the_access_token_authenticates_api_calls(api_client, user):
    access = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["access"]

    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    response = api_client.get(reverse("users:me"))

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["email"] == user.email


def test_a_wrong_password_gets_a_401_with_the_error_body(api_client, user):
    response = obtain(api_client, user.email, "wrong-password")

    assert response.status_code == status.HTTP_401_UNAUTHORIZED
    assert response.json()["error"]["code"] == "no_active_account"


def test_the_refresh_token_gives_a_new_access_token(api_client, user):
    refresh = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["refresh"]

    response = api_client.post(reverse("auth:token-refresh"), {"refresh": refresh})

    assert response.status_code == status.HTTP_200_OK
    assert "access" in response.json()


def test_verify_accepts_a_real_token_and_refuses_a_forged_one(api_client, user):
    access = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["access"]

    assert api_client.post(reverse("auth:token-verify"), {"token": access}).status_code == 200
    forged = api_client.post(reverse("auth:token-verify"), {"token": access[:-4] + "abcd"})
    assert forged.status_code == status.HTTP_401_UNAUTHORIZED


def test_a_garbage_bearer_token_is_refused(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    response = api_client.get(reverse("users:me"))

    assert response.status_code == status.HTTP_401_UNAUTHORIZED
    assert response.json()["error"]["code"] == "token_not_valid"


def test_a_refresh_answers_a_new_refresh_token_and_the_used_one_is_refused(api_client, user):
    refresh = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["refresh"]

    first = api_client.post(reverse("auth:token-refresh"), {"refresh": refresh})
    replay = api_client.post(reverse("auth:token-refresh"), {"refresh": refresh})

    assert first.status_code == status.HTTP_200_OK
    assert set(first.json()) == {"access", "refresh"}
    assert first.json()["refresh"] != refresh
    assert replay.status_code == status.HTTP_401_UNAUTHORIZED
    assert replay.json()["error"]["code"] == "token_not_valid"


def test_the_rotated_refresh_token_works_once_in_turn(api_client, user):
    refresh = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["refresh"]
    rotated = api_client.post(reverse("auth:token-refresh"), {"refresh": refresh}).json()["refresh"]

    again = api_client.post(reverse("auth:token-refresh"), {"refresh": rotated})

    assert again.status_code == status.HTTP_200_OK
    replay = api_client.post(reverse("auth:token-refresh"), {"refresh": rotated})
    assert replay.status_code == status.HTTP_401_UNAUTHORIZED


def test_signing_out_blacklists_the_refresh_token(api_client, user):
    refresh = obtain(api_client, user.email, DEFAULT_PASSWORD).json()["refresh"]

    signed_out = api_client.post(reverse("auth:token-blacklist"), {"refresh": refresh})
    response = api_client.post(reverse("auth:token-refresh"), {"refresh": refresh})

    assert signed_out.status_code == status.HTTP_200_OK
    assert response.status_code == status.HTTP_401_UNAUTHORIZED


def test_a_password_is_taken_as_typed_with_its_spaces(api_client):
    user = UserFactory.create(password=SPACED_PASSWORD)

    stripped = obtain(api_client, user.email, SPACED_PASSWORD.strip())
    as_typed = obtain(api_client, user.email, SPACED_PASSWORD)

    assert stripped.status_code == status.HTTP_401_UNAUTHORIZED
    assert as_typed.status_code == status.HTTP_200_OK
