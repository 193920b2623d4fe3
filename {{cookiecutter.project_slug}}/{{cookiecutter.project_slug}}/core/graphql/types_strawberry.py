"""Strawberry building blocks every app's schema uses: pages and page fields, field errors, permissions."""

from collections.abc import Callable
from typing import Any

import django_filters
import strawberry
from django.db.models import QuerySet
from strawberry.permission import BasePermission

from .errors import FieldErrorData, NotAuthenticatedError, PermissionDeniedError
from .pagination import apply_filters, paginate


@strawberry.type(description="One page of a list, as REST pages it (offset and limit).")
class Page[T]:
    total_count: int = strawberry.field(description="Rows matching the filters, on every page.")
    offset: int
    limit: int
    results: list[T]


def page_field(
    item: type,
    filter_input: type,
    filterset: type[django_filters.FilterSet],
    rows: Callable[[strawberry.Info], QuerySet[Any]],
    **field: Any,
) -> Any:
    """A list field: ``rows(info)`` filtered by the REST list's ``filterset``, one page of them.

    Its arguments are ``filter`` (a ``filter_input``), ``offset`` and ``limit``, and it answers a
    ``Page`` of ``item``; ``field`` goes to ``strawberry.field`` (description, permission_classes).
    """

    def resolve(
        info: strawberry.Info, filter: Any = None, offset: int = 0, limit: int | None = None
    ) -> Any:
        filtered = apply_filters(filterset, rows(info), vars(filter) if filter else None)
        return Page(**vars(paginate(filtered, offset=offset, limit=limit)))

    # strawberry reads the argument and result types from the annotations: these are the field's.
    # A type held in a variable, which mypy cannot check; strawberry checks it building the schema.
    result = Page[item]  # type: ignore[valid-type]
    resolve.__annotations__ |= {"filter": filter_input | None, "return": result}
    return strawberry.field(resolver=resolve, **field)


@strawberry.type(description="Why an input was refused: the field as sent, or __all__.")
class FieldError:
    field: str
    code: str
    messages: list[str]


def to_field_errors(errors: list[FieldErrorData]) -> list[FieldError]:
    return [FieldError(field=e.field, code=e.code, messages=e.messages) for e in errors]


def current_user(info: strawberry.Info) -> Any:
    return info.context.request.user


class IsAuthenticated(BasePermission):
    message = "Authentication credentials were not provided."

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return bool(current_user(info).is_authenticated)

    def on_unauthorized(self) -> None:
        raise NotAuthenticatedError


class IsStaff(BasePermission):
    message = "Only staff may read this."

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        user = current_user(info)
        if not user.is_authenticated:
            raise NotAuthenticatedError
        return bool(user.is_staff)

    def on_unauthorized(self) -> None:
        raise PermissionDeniedError(self.message)
