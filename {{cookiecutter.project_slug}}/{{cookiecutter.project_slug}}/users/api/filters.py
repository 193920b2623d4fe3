"""Query-string filters for the user list."""

import django_filters

from ..models import User


class UserFilter(django_filters.FilterSet):
    class Meta:
        model = User
        fields = ("is_active", "is_staff")
