"""Reads of accounts."""

from django.db.models import QuerySet

from .models import User


def user_list() -> QuerySet[User]:
    """Every account, oldest first; only the columns the API shows."""
    columns = ("id", "email", "name", "is_active", "is_staff", "date_joined")
    return User.objects.only(*columns).order_by("id")
