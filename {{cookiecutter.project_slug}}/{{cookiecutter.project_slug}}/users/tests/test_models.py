"""The user model and its manager."""

import pytest
from django.db import IntegrityError, transaction

from ..models import User

pytestmark = pytest.mark.django_db


def test_create_user_lowercases_the_email_and_hashes_the_password():
    user = User.objects.create_user("Ada@Example.COM", "s3cret-enough-pass")

    assert user.email == "ada@example.com"
    assert user.check_password("s3cret-enough-pass")
    assert not user.is_staff
    assert str(user) == "ada@example.com"


def test_create_user_without_an_email_is_refused():
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user("", "whatever-pass")


def test_create_superuser_is_staff_and_superuser():
    admin = User.objects.create_superuser("root@example.com", "s3cret-enough-pass")

    assert admin.is_staff
    assert admin.is_superuser


def test_create_superuser_refuses_a_non_staff_superuser():
    with pytest.raises(ValueError, match="is_staff=True"):
        User.objects.create_superuser("root@example.com", "pass", is_staff=False)


def test_the_database_refuses_the_same_email_in_another_case():
    User.objects.create(email="grace@example.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Grace@Example.com")


def test_sign_in_lookup_ignores_the_case_of_the_email():
    user = User.objects.create_user("lin@example.com", "s3cret-enough-pass")

    assert User.objects.get_by_natural_key("LIN@example.com") == user
