"""Filters shared by the example apps' filter sets."""

from datetime import UTC, datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

# The largest value a primary key holds: PostgreSQL's bigint and SQLite's INTEGER alike.
LARGEST_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": LARGEST_ID})
class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number from 1 to the largest key, else a 400.

    django-filter's NumberFilter reads any decimal, and SQLite cannot bind an integer past 64 bits
    (an OverflowError, a 500, found by the API fuzzer); a fraction could match nothing anyway.
    """

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", LARGEST_ID)
        super().__init__(*args, **kwargs)


# django-filter's NumberFilter refuses a value past this (a 400 naming the filter).
LARGEST_NUMBER = 1e50


@extend_schema_field({"type": "number", "maximum": LARGEST_NUMBER})
class NumberFilter(django_filters.NumberFilter):
    """django-filter's NumberFilter, whose schema states the bound it enforces.

    Its form field refuses values past 1e50; undeclared, a client built from the schema sends
    them and gets a 400 it could not foresee (found by schemathesis' positive-data check).
    """


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time compared in UTC.

    Python accepts UTC offsets up to +/-23:59 but PostgreSQL only +/-15:59: converting first keeps
    such input a valid query (found by the API fuzzer), and a value that leaves the calendar when
    converted is a 400, not a 500.
    """

    def filter(self, qs: QuerySet, value: datetime | None) -> QuerySet:
        if value is not None and value.tzinfo is not None:
            try:
                value = value.astimezone(UTC)
            except OverflowError:
                message = "This date-time is out of range."
                raise ValidationError({self.field_name: [message]}) from None
        return super().filter(qs, value)
