"""Errors in GraphQL: refusals as GraphQL errors, invalid input as a list of field errors in the payload.

Mutations validate their input with the REST input serializers and call the same services, so a
rule is written once. Whatever refuses the input (a serializer, ``full_clean`` in a service, or an
``ApplicationError``) comes back in one shape: ``[{field, code, messages}]``, with the field named
as the GraphQL argument is (camelCase) and ``__all__`` for errors that belong to no field.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from graphql import GraphQLError
from rest_framework import serializers
from rest_framework.settings import api_settings

from {{ cookiecutter.project_slug }}.core.exceptions import ApplicationError

MASKED_MESSAGE = "Unexpected error."
# graphql-core ends some messages with the names it knows: "... Did you mean 'email'?"
SUGGESTION = re.compile(r" ?Did you mean [^?]*\?")


class NotAuthenticatedError(GraphQLError):
    def __init__(self) -> None:
        super().__init__(
            "Authentication credentials were not provided.",
            extensions={"code": "not_authenticated"},
        )


class PermissionDeniedError(GraphQLError):
    def __init__(self, message: str = "You do not have permission to do this.") -> None:
        super().__init__(message, extensions={"code": "permission_denied"})


@dataclass(frozen=True)
class FieldErrorData:
    field: str
    code: str
    messages: list[str]


def camel_case(name: str) -> str:
    if name in (NON_FIELD_ERRORS, api_settings.NON_FIELD_ERRORS_KEY):
        return NON_FIELD_ERRORS
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _messages(value: Any, fallback: str) -> list[str]:
    """Flatten a serializer's nested errors; anything that is not text says the overall message."""
    if isinstance(value, Mapping):
        return [
            f"{key}: {message}"
            for key, nested in value.items()
            for message in _messages(nested, fallback)
        ]
    if isinstance(value, list | tuple):
        return [message for item in value for message in _messages(item, fallback)]
    return [str(value)] if isinstance(value, str) else [fallback]


def _from_mapping(fields: Mapping[str, Any], code: str, fallback: str) -> list[FieldErrorData]:
    return [
        FieldErrorData(field=camel_case(name), code=code, messages=_messages(value, fallback))
        for name, value in fields.items()
    ]


def field_errors(
    exc: serializers.ValidationError | DjangoValidationError | ApplicationError,
) -> list[FieldErrorData]:
    """The field errors of a refusal from a serializer, a model's validation or a service."""
    if isinstance(exc, serializers.ValidationError):
        detail: Mapping[str, Any] = (
            exc.detail if isinstance(exc.detail, dict) else {NON_FIELD_ERRORS: exc.detail}
        )
        return _from_mapping(detail, "invalid", "Invalid value.")
    if isinstance(exc, DjangoValidationError):
        messages: Mapping[str, Any] = (
            exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        )
        return _from_mapping(messages, "invalid", "Invalid value.")
    return _from_mapping(exc.fields or {NON_FIELD_ERRORS: [exc.message]}, exc.code, exc.message)


# What a mutation did: the row it wrote and no errors, or no row and why it was refused.
type Outcome = tuple[Any, list[FieldErrorData]]


def not_found(what: str) -> Outcome:
    """The outcome of a mutation whose ``id`` names no row the caller may see."""
    return None, [FieldErrorData(field="id", code="not_found", messages=[f"No such {what}."])]


def perform(
    serializer_class: type[serializers.Serializer],
    data: Mapping[str, Any],
    action: Callable[[dict[str, Any]], Any],
    *,
    context: Mapping[str, Any] | None = None,
) -> Outcome:
    """Validate ``data`` with a REST input serializer and hand the result to ``action`` (a service).

    Returns ``(result, [])`` or ``(None, errors)``; refusals never escape as GraphQL errors, so
    clients read them from the payload with the fields they sent. Arguments left out (None) are
    left out of ``data``, as a REST client leaves out the key.
    """
    given = {name: value for name, value in data.items() if value is not None}
    serializer = serializer_class(data=given, context=dict(context or {}))
    try:
        serializer.is_valid(raise_exception=True)
        return action(dict(serializer.validated_data)), []
    except (serializers.ValidationError, DjangoValidationError, ApplicationError) as exc:
        return None, field_errors(exc)


def should_mask(error: GraphQLError) -> bool:
    """Hide unexpected errors (bugs, database failures) unless DEBUG is on.

    Errors raised as GraphQL errors (validation, limits, permissions) are meant for the client;
    anything else could leak internals (SQL, paths, settings) and is replaced by one message.
    """
    original = error.original_error
    return not settings.DEBUG and original is not None and not isinstance(original, GraphQLError)


def hide_suggestions(message: str) -> str:
    """Drop "Did you mean ...?" while introspection is off: it would name fields one guess at a time."""
    return message if settings.GRAPHQL_INTROSPECTION else SUGGESTION.sub("", message)
