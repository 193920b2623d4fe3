"""GET /api/v1/users/<id>/: staff only, one account."""

import pytest
from django.urls import reverse
from rest_framework import status

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def url(pk: int) -> str:
    return reverse("users:detail", kwargs={"pk": pk})


def test_staff_read_one_account(staff_client):
    account = UserFactory(name="Grace")

    response = staff_client.get(url(account.pk))

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["email"] == account.email
    assert response.json()["name"] == "Grace"


def test_a_user_who_is_not_staff_is_forbidden(user_client, user):
    response = user_client.get(url(user.pk))

    assert response.status_code == status.HTTP_403_FORBIDDEN


def test_an_unknown_account_is_a_404_with_the_error_body(staff_client):
    response = staff_client.get(url(999_999))

    assert response.status_code == status.HTTP_404_NOT_FOUND
    assert response.json()["error"]["code"] == "not_found"
