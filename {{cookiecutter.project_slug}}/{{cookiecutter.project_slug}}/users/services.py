"""Writes to accounts; each function is one transaction and validates before it saves."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import User


@transaction.atomic
def user_register(*, email: str, password: str, name: str = "") -> User:
    """Create an account after Django's password validators accept the password."""
    user = User(email=User.objects.normalize_email(email).lower(), name=name)
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_update(*, user: User, name: str | None = None) -> User:
    """Change the fields a user may change about themselves."""
    if name is not None:
        user.name = name
    user.full_clean()
    user.save(update_fields=["name"])
    return user
