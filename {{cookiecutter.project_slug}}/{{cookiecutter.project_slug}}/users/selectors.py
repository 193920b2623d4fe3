"""Reads of accounts."""

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from {{ cookiecutter.project_slug }}.core.caching import CachedValue

from .models import User

# Invalidated by any user write; five minutes bound how far "joined in the last 7 days" lags
# behind the clock when nobody writes.
USER_STATISTICS: CachedValue[dict[str, int]] = CachedValue(
    "users.statistics",
    depends_on=[User],
    timeout=5 * 60,
)


def user_list() -> QuerySet[User]:
    """Every account, oldest first; only the columns the API shows."""
    columns = ("id", "email", "name", "is_active", "is_staff", "date_joined")
    return User.objects.only(*columns).order_by("id")


def user_statistics() -> dict[str, int]:
    """Account counts for staff dashboards: one aggregate over the table, cached."""
    return USER_STATISTICS.get_or_set(_count_users)


def _count_users() -> dict[str, int]:
    week_ago = timezone.now() - timedelta(days=7)
    return User.objects.aggregate(
        total=Count("id"),
        active=Count("id", filter=Q(is_active=True)),
        staff=Count("id", filter=Q(is_staff=True)),
        joined_last_7_days=Count("id", filter=Q(date_joined__gte=week_ago)),
    )
