"""Strawberry building blocks every app's schema uses: pages, field errors and permissions."""

from typing import Any

import strawberry
from strawberry.permission import BasePermission

from .errors import FieldErrorData, NotAuthenticatedError, PermissionDeniedError


@strawberry.type(description="One page of a list, as REST pages it (offset and limit).")
class Page[T]:
    total_count: int = strawberry.field(description="Rows matching the filters, on every page.")
    offset: int
    limit: int
    results: list[T]


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
