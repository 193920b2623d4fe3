"""Factories for account rows."""

import factory
from factory.django import DjangoModelFactory, Password

from ..models import User

DEFAULT_PASSWORD = "correct-horse-battery-staple"  # pragma: allowlist secret
# Spaces at either end belong to a password: signing in must take it exactly as typed.
SPACED_PASSWORD = "  correct horse battery staple "  # pragma: allowlist secret


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    name = factory.Faker("name")
    password = Password(DEFAULT_PASSWORD)
