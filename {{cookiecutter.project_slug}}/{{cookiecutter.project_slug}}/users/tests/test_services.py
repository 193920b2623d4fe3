"""Account services."""

import pytest
from django.core.exceptions import ValidationError

from ..services import user_register, user_update
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_register_creates_an_account_with_a_lowercased_email():
    user = user_register(email="New@Example.com", password="a-long-unusual-passphrase", name="N")

    assert user.pk is not None
    assert user.email == "new@example.com"
    assert user.check_password("a-long-unusual-passphrase")


def test_user_register_refuses_a_password_the_validators_reject():
    with pytest.raises(ValidationError) as caught:
        user_register(email="weak@example.com", password="123")

    assert any("too short" in message for message in caught.value.messages)


def test_user_update_changes_the_name():
    user = UserFactory(name="Old")

    user_update(user=user, name="New")

    user.refresh_from_db()
    assert user.name == "New"
