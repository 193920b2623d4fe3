"""GET /api/v1/users/statistics/: account counts for staff."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework import status

from .factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("users:statistics")


def test_staff_get_the_counts(staff_client):
    UserFactory(is_active=False, date_joined=timezone.now() - timedelta(days=30))
    UserFactory()

    response = staff_client.get(URL)

    assert response.status_code == status.HTTP_200_OK
    # The staff member, an inactive old account and a new one.
    assert response.json() == {"total": 3, "active": 2, "staff": 1, "joined_last_7_days": 2}


def test_a_user_who_is_not_staff_is_forbidden(user_client):
    assert user_client.get(URL).status_code == status.HTTP_403_FORBIDDEN
