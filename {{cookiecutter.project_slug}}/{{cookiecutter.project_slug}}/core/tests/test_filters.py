"""The shared date-time filter."""

from datetime import datetime, timedelta, timezone

import pytest
from rest_framework.exceptions import ValidationError

from ...users.models import User
from ..filters import UTCDateTimeFilter


def make_filter() -> UTCDateTimeFilter:
    return UTCDateTimeFilter(field_name="date_joined", lookup_expr="gte")


@pytest.mark.django_db
def test_an_offset_postgresql_cannot_store_is_compared_in_utc():
    far_east = timezone(timedelta(hours=16, minutes=30))
    value = datetime(2026, 1, 1, 12, 0, tzinfo=far_east)

    queryset = make_filter().filter(User.objects.all(), value)

    assert list(queryset) == []
    assert "2025-12-31 19:30:00+00:00" in str(queryset.query)


def test_a_value_that_leaves_the_calendar_in_utc_is_a_validation_error():
    value = datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=16)))

    with pytest.raises(ValidationError):
        make_filter().filter(User.objects.none(), value)


@pytest.mark.django_db
def test_no_value_leaves_the_queryset_alone():
    assert make_filter().filter(User.objects.all(), None).count() == 0
