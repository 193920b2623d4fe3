"""Bearer tokens read their user by primary key in one statement, with simplejwt's checks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework import status
from rest_framework_simplejwt.tokens import AccessToken

pytestmark = pytest.mark.django_db


def me(api_client, token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api_client.get(reverse("users:me"))


def test_a_valid_token_reads_its_user_in_one_query(api_client, user):
    token = AccessToken.for_user(user)
    me(api_client, token)  # the first request may open the connection and warm caches

    with CaptureQueriesContext(connection) as queries:
        response = me(api_client, token)

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["email"] == user.email
    assert len(queries) == 1
    assert "users_user" in queries[0]["sql"]


def test_an_inactive_user_is_refused(api_client, user):
    token = AccessToken.for_user(user)
    user.is_active = False
    user.save(update_fields=["is_active"])

    response = me(api_client, token)

    assert response.status_code == status.HTTP_401_UNAUTHORIZED
    assert response.json()["error"]["code"] == "user_inactive"


def test_a_deleted_user_is_refused(api_client, user):
    token = AccessToken.for_user(user)
    user.delete()

    response = me(api_client, token)

    assert response.status_code == status.HTTP_401_UNAUTHORIZED
    assert response.json()["error"]["code"] == "user_not_found"


def test_a_token_without_a_user_id_is_refused(api_client, user):
    token = AccessToken.for_user(user)
    del token["user_id"]

    response = me(api_client, token)

    assert response.status_code == status.HTTP_401_UNAUTHORIZED
