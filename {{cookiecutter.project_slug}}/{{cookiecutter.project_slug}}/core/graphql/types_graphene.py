"""Graphene building blocks every app's schema uses: pages and page fields, field errors, permission decorators."""

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate

import django_filters
import graphene
from django.db.models import QuerySet

from .errors import FieldErrorData, NotAuthenticatedError, PermissionDeniedError
from .pagination import PageData, apply_filters, paginate


class FieldError(graphene.ObjectType):
    """Why an input was refused: the field as sent, or __all__."""

    field = graphene.String(required=True)
    code = graphene.String(required=True)
    messages = graphene.List(graphene.NonNull(graphene.String), required=True)


def to_field_errors(errors: list[FieldErrorData]) -> list[FieldError]:
    return [FieldError(field=e.field, code=e.code, messages=e.messages) for e in errors]


def page_type(item_type: type[graphene.ObjectType]) -> type[graphene.ObjectType]:
    """``<Item>Page``: one page of a list, as REST pages it (offset and limit)."""
    name = f"{item_type._meta.name}Page"
    return type(
        name,
        (graphene.ObjectType,),
        {
            "__doc__": "One page of a list, as REST pages it (offset and limit).",
            "total_count": graphene.Int(
                required=True, description="Rows matching the filters, on every page."
            ),
            "offset": graphene.Int(required=True),
            "limit": graphene.Int(required=True),
            "results": graphene.List(graphene.NonNull(item_type), required=True),
        },
    )


def as_page(data: PageData) -> dict[str, Any]:
    return vars(data)


def page_arguments(filter_type: type[graphene.InputObjectType]) -> dict[str, Any]:
    return {
        "filter": filter_type(),
        "offset": graphene.Int(required=True, default_value=0),
        "limit": graphene.Int(),
    }


def current_user(info: graphene.ResolveInfo) -> Any:
    return info.context.user


type Resolver[**P, R] = Callable[Concatenate[Any, graphene.ResolveInfo, P], R]


def login_required[**P, R](resolver: Resolver[P, R]) -> Resolver[P, R]:
    @wraps(resolver)
    def wrapper(root: Any, info: graphene.ResolveInfo, *args: P.args, **kwargs: P.kwargs) -> R:
        if not current_user(info).is_authenticated:
            raise NotAuthenticatedError
        return resolver(root, info, *args, **kwargs)

    return wrapper


def staff_required[**P, R](resolver: Resolver[P, R]) -> Resolver[P, R]:
    @wraps(resolver)
    def wrapper(root: Any, info: graphene.ResolveInfo, *args: P.args, **kwargs: P.kwargs) -> R:
        user = current_user(info)
        if not user.is_authenticated:
            raise NotAuthenticatedError
        if not user.is_staff:
            raise PermissionDeniedError("Only staff may read this.")
        return resolver(root, info, *args, **kwargs)

    return wrapper


def page_field(
    page: type[graphene.ObjectType],
    filter_input: type[graphene.InputObjectType],
    filterset: type[django_filters.FilterSet],
    rows: Callable[[graphene.ResolveInfo], QuerySet[Any]],
    *,
    guard: Callable[[Resolver[..., dict[str, Any]]], Resolver[..., dict[str, Any]]] | None = None,
    **field: Any,
) -> graphene.Field:
    """A list field: ``rows(info)`` filtered by the REST list's ``filterset``, one ``page`` of them.

    Its arguments are ``filter`` (a ``filter_input``), ``offset`` and ``limit``. ``guard`` is a
    permission decorator (``login_required``, ``staff_required``); ``field`` goes to
    ``graphene.Field`` (the description).
    """

    def resolve(
        root: Any, info: graphene.ResolveInfo, offset: int, filter: Any = None, limit: Any = None
    ) -> dict[str, Any]:
        filtered = apply_filters(filterset, rows(info), filter)
        return as_page(paginate(filtered, offset=offset, limit=limit))

    resolver = guard(resolve) if guard else resolve
    return graphene.Field(
        page, resolver=resolver, required=True, **page_arguments(filter_input), **field
    )
