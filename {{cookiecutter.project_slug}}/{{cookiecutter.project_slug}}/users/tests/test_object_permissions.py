"""A user can never read or change another user's data."""

import pytest
from django.urls import reverse
from rest_framework import status

from .factories import UserFactory

pytestmark = pytest.mark.django_db
ME = reverse("users:me")


@pytest.fixture
def other(db):
    return UserFactory(name="Victim")


def test_me_always_answers_with_the_caller_whatever_the_query(user_client, user, other):
    for params in ({}, {"id": other.id}, {"email": other.email}, {"user": other.id}):
        body = user_client.get(ME, params).json()

        assert body["id"] == user.id
        assert body["email"] == user.email


def test_a_change_naming_another_account_changes_only_the_caller(user_client, user, other):
    response = user_client.patch(ME, {"id": other.id, "email": other.email, "name": "Mallory"})

    assert response.status_code == status.HTTP_200_OK
    other.refresh_from_db()
    user.refresh_from_db()
    assert other.name == "Victim"
    assert user.name == "Mallory"
    assert user.email != other.email


@pytest.mark.parametrize("params", [{}, {"format": "csv"}, {"search": "victim"}])
def test_the_account_list_is_closed_to_users_who_are_not_staff(user_client, other, params):
    response = user_client.get(reverse("users:list"), params)

    assert response.status_code == status.HTTP_403_FORBIDDEN
    assert other.email not in response.content.decode()


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
def test_an_account_by_its_id_is_closed_to_users_who_are_not_staff(user_client, other, method):
    response = getattr(user_client, method)(f"/api/v1/users/{other.id}/", {"name": "Mallory"})

    assert response.status_code == status.HTTP_403_FORBIDDEN
    other.refresh_from_db()
    assert other.name == "Victim"
