"""POST /api/v1/auth/register/."""

import pytest
from django.urls import reverse
from rest_framework import status

from ..models import User
from .factories import SPACED_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("auth:register")


def test_registering_creates_an_account_and_never_echoes_the_password(api_client):
    response = api_client.post(
        URL,
        {
            "email": "Sam@Example.com",
            "password": "a-long-unusual-passphrase",  # pragma: allowlist secret
            "name": "Sam",
        },
    )

    assert response.status_code == status.HTTP_201_CREATED
    assert response.json()["email"] == "sam@example.com"
    assert "password" not in response.json()
    assert User.objects.filter(email="sam@example.com").exists()


def test_the_password_is_kept_as_typed_with_its_spaces(api_client):
    response = api_client.post(URL, {"email": "sam@example.com", "password": SPACED_PASSWORD})

    assert response.status_code == status.HTTP_201_CREATED
    user = User.objects.get(email="sam@example.com")
    assert user.check_password(SPACED_PASSWORD)
    assert not user.check_password(SPACED_PASSWORD.strip())


def test_a_weak_password_is_refused_with_a_field_error(api_client):
    response = api_client.post(URL, {"email": "sam@example.com", "password": "password"})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "password" in error["fields"]
    assert not User.objects.exists()


def test_an_email_taken_in_another_case_is_refused(api_client):
    UserFactory(email="taken@example.com")

    response = api_client.post(
        URL,
        {
            "email": "TAKEN@example.com",
            "password": "a-long-unusual-passphrase",  # pragma: allowlist secret
        },
    )

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert "email" in response.json()["error"]["fields"]


def test_malformed_json_gets_a_400_with_the_error_body(api_client):
    response = api_client.post(URL, data="{not json", content_type="application/json")

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert response.json()["error"]["code"] == "parse_error"


def test_an_unsupported_content_type_gets_a_415(api_client):
    response = api_client.post(URL, data="email=x", content_type="text/plain")

    assert response.status_code == status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    assert response.json()["error"]["code"] == "unsupported_media_type"
