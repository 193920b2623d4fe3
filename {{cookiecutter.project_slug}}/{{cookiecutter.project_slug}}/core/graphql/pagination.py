"""Offset pagination and django-filter filtering for GraphQL lists, with REST's page sizes.

Offset pages (``offset``, ``limit``, ``totalCount``) rather than Relay connections: they mean
what REST's page-number pages mean, a client can jump to any page, and both GraphQL libraries
serve them the same way. Cursors pay off for endless feeds over rows that shift while being
read; these lists are browsed, filtered and paged like the REST ones.
"""

from dataclasses import dataclass
from typing import Any

import django_filters
from django.conf import settings
from django.db.models import QuerySet
from graphql import GraphQLError

from {{ cookiecutter.project_slug }}.core.pagination import PageNumberPagination

MAX_LIMIT = PageNumberPagination.max_page_size


def default_limit() -> int:
    return int(settings.REST_FRAMEWORK["PAGE_SIZE"])


@dataclass(frozen=True)
class PageData:
    total_count: int
    offset: int
    limit: int
    results: list[Any]


def paginate(queryset: QuerySet[Any], *, offset: int, limit: int | None) -> PageData:
    """One page of ``queryset``: two queries (count and rows) plus the selector's prefetches.

    A limit above REST's maximum page size is lowered to it, as REST does with page_size.
    """
    if offset < 0:
        raise GraphQLError("offset must be 0 or more.", extensions={"code": "invalid"})
    if limit is not None and limit < 1:
        raise GraphQLError("limit must be 1 or more.", extensions={"code": "invalid"})
    limit = min(limit or default_limit(), MAX_LIMIT)
    return PageData(
        total_count=queryset.count(),
        offset=offset,
        limit=limit,
        results=list(queryset[offset : offset + limit]),
    )


def apply_filters(
    filterset_class: type[django_filters.FilterSet],
    queryset: QuerySet[Any],
    values: dict[str, Any] | None,
) -> QuerySet[Any]:
    """Filter with the REST endpoint's FilterSet; unset values are left out."""
    data = {name: value for name, value in (values or {}).items() if value is not None}
    filterset = filterset_class(data=data, queryset=queryset)
    if not filterset.is_valid():
        messages = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()
        )
        raise GraphQLError(f"Invalid filter: {messages}", extensions={"code": "invalid"})
    return filterset.qs


def get_or_none(queryset: QuerySet[Any], pk: Any) -> Any:
    """The row with this id among those the selector lets the caller see, or None."""
    return queryset.filter(pk=pk).first() if str(pk).isdigit() else None
