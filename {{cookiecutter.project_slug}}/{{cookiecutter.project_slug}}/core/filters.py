"""Filters shared by the example apps' filter sets."""

from datetime import UTC, datetime

import django_filters
from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError


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
