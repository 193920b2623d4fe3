"""The shared id and date-time filters."""

from datetime import UTC, datetime, timedelta, timezone

import django_filters
import pytest
from rest_framework.exceptions import ValidationError

from ...users.models import User
from ...users.tests.factories import UserFactory
from ..filters import LARGEST_ID, LARGEST_NUMBER, IdFilter, NumberFilter, UTCDateTimeFilter


def make_filter() -> UTCDateTimeFilter:
    return UTCDateTimeFilter(field_name="date_joined", lookup_expr="gte")


@pytest.mark.django_db
def test_an_offset_postgresql_cannot_store_is_compared_in_utc():
    # 12:00 at +16:30 is 19:30 UTC the day before.
    UserFactory(date_joined=datetime(2025, 12, 31, 19, 0, tzinfo=UTC))
    later = UserFactory(date_joined=datetime(2025, 12, 31, 20, 0, tzinfo=UTC))
    value = datetime(2026, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=16, minutes=30)))

    queryset = make_filter().filter(User.objects.all(), value)

    assert list(queryset) == [later]


def test_a_value_that_leaves_the_calendar_in_utc_is_a_validation_error():
    value = datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=16)))

    with pytest.raises(ValidationError):
        make_filter().filter(User.objects.none(), value)


@pytest.mark.django_db
def test_no_value_leaves_the_queryset_alone():
    assert make_filter().filter(User.objects.all(), None).count() == 0


class UserIdFilter(django_filters.FilterSet):
    id = IdFilter(field_name="id")


@pytest.mark.parametrize("value", [str(LARGEST_ID + 1), "1" + "0" * 30, "0", "-3", "1.5"])
def test_an_id_no_primary_key_can_hold_is_invalid(value):
    filterset = UserIdFilter({"id": value}, queryset=User.objects.none())

    assert not filterset.is_valid()
    assert "id" in filterset.errors


@pytest.mark.django_db
def test_a_valid_id_selects_its_row():
    user = UserFactory()
    UserFactory()

    filterset = UserIdFilter({"id": str(user.pk)}, queryset=User.objects.all())

    assert filterset.is_valid()
    assert list(filterset.qs) == [user]


class UserNumberFilter(django_filters.FilterSet):
    id_at_least = NumberFilter(field_name="id", lookup_expr="gte")


@pytest.mark.parametrize(("value", "valid"), [(str(LARGEST_NUMBER), True), ("1e51", False)])
def test_a_number_filter_refuses_what_passes_its_declared_maximum(value, valid):
    filterset = UserNumberFilter({"id_at_least": value}, queryset=User.objects.none())

    assert filterset.is_valid() is valid
