"""GET and PATCH /api/v1/users/me/."""

import pytest
from django.urls import reverse
from rest_framework import status

pytestmark = pytest.mark.django_db
URL = reverse("users:me")
{%- if cookiecutter.api_auth == "session" %}
# Session authentication has no WWW-Authenticate challenge, so DRF answers 403, not 401.
ANONYMOUS_STATUS = status.HTTP_403_FORBIDDEN
{%- else %}
ANONYMOUS_STATUS = status.HTTP_401_UNAUTHORIZED
{%- endif %}


def test_anonymous_callers_are_refused_with_the_error_body(api_client):
    response = api_client.get(URL)

    assert response.status_code == ANONYMOUS_STATUS
    assert response.json()["error"]["code"] == "not_authenticated"


def test_the_signed_in_user_reads_their_own_account(user_client, user):
    response = user_client.get(URL)

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["email"] == user.email
    assert response.json()["id"] == user.id


def test_the_signed_in_user_changes_their_name(user_client, user):
    response = user_client.patch(URL, {"name": "Renamed"})

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["name"] == "Renamed"
    user.refresh_from_db()
    assert user.name == "Renamed"


def test_fields_a_user_may_not_change_are_ignored(user_client, user):
    response = user_client.patch(URL, {"is_staff": True, "email": "other@example.com"})

    assert response.status_code == status.HTTP_200_OK
    user.refresh_from_db()
    assert not user.is_staff
    assert user.email != "other@example.com"


def test_a_name_over_150_characters_is_refused(user_client):
    response = user_client.patch(URL, {"name": "x" * 151})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert "name" in response.json()["error"]["fields"]
