"""Session sign-in under /api/v1/auth/login/ and /logout/."""

import pytest
from django.urls import reverse
from rest_framework import status
from rest_framework.test import APIClient

from .factories import DEFAULT_PASSWORD, SPACED_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login(client, email, password):
    return client.post(reverse("auth:login"), {"email": email, "password": password})


def test_signing_in_starts_a_session_that_authenticates(api_client, user):
    response = login(api_client, user.email, DEFAULT_PASSWORD)

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["email"] == user.email
    assert api_client.get(reverse("users:me")).status_code == status.HTTP_200_OK


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(api_client, user):
    response = login(api_client, user.email, "wrong-password")

    assert response.status_code == status.HTTP_403_FORBIDDEN
    assert response.json()["error"]["message"] == "Invalid email or password."


def test_signing_out_ends_the_session(api_client, user):
    login(api_client, user.email, DEFAULT_PASSWORD)

    response = api_client.post(reverse("auth:logout"))

    assert response.status_code == status.HTTP_204_NO_CONTENT
    assert api_client.get(reverse("users:me")).status_code == status.HTTP_403_FORBIDDEN


def test_an_unsafe_request_without_the_csrf_token_is_refused(user):
    client = APIClient(enforce_csrf_checks=True)
    login(client, user.email, DEFAULT_PASSWORD)

    response = client.patch(reverse("users:me"), {"name": "Mallory"})

    assert response.status_code == status.HTTP_403_FORBIDDEN
    assert "CSRF" in response.json()["error"]["message"]


def test_a_password_is_taken_as_typed_with_its_spaces(api_client):
    user = UserFactory.create(password=SPACED_PASSWORD)

    stripped = login(api_client, user.email, SPACED_PASSWORD.strip())
    as_typed = login(api_client, user.email, SPACED_PASSWORD)

    assert stripped.status_code == status.HTTP_403_FORBIDDEN
    assert as_typed.status_code == status.HTTP_200_OK
