"""The admin for accounts, served at the per-project random path."""

import pytest
from django.conf import settings
from django.urls import reverse

from ..models import User
from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in(client, staff_user):
    client.force_login(staff_user)
    return client


def test_the_admin_lives_at_the_configured_path():
    assert reverse("admin:index") == f"/{settings.ADMIN_URL}"


def test_staff_see_the_user_list_and_a_user_page(admin_client_logged_in):
    other = UserFactory(email="listed@example.com")

    listing = admin_client_logged_in.get(reverse("admin:users_user_changelist"), {"q": "listed"})
    page = admin_client_logged_in.get(reverse("admin:users_user_change", args=[other.pk]))

    assert listing.status_code == 200
    assert b"listed@example.com" in listing.content
    assert page.status_code == 200


def test_staff_add_a_user_by_email(admin_client_logged_in):
    response = admin_client_logged_in.post(
        reverse("admin:users_user_add"),
        {
            "email": "added@example.com",
            "name": "Added",
            "usable_password": "true",  # pragma: allowlist secret
            "password1": "a-long-unusual-passphrase",  # pragma: allowlist secret
            "password2": "a-long-unusual-passphrase",  # pragma: allowlist secret
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="added@example.com").check_password("a-long-unusual-passphrase")
