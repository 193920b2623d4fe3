"""OpenAPI schema additions: who may call each operation, the common error body for 4xx answers,
and what drf-spectacular leaves out of a field: decimal patterns that match what the API accepts,
text patterns that leave out what every text field refuses, and the bounds of a list.

Clients then know the error shape from the schema alone, and the fuzzing test can check that
every 4xx response matches it.
"""

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.validators import RegexValidator
from drf_spectacular import openapi
from drf_spectacular.drainage import has_override
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": True},
            },
            "required": ["status", "code", "message", "fields"],
        }
    },
    "required": ["error"],
}
ERROR_RESPONSE = {
    "description": "The request was refused; the body says why.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: a ``4XX`` response and an ``Error`` component."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method in HTTP_METHODS:
                operation.setdefault("responses", {}).setdefault("4XX", ERROR_RESPONSE)
    return result


def _digits(least: int, most: int | None) -> str:
    """From ``least`` to ``most`` ASCII digits (no upper bound for None)."""
    return "[0-9]{" + f"{least},{'' if most is None else most}" + "}"


def decimal_pattern(field: serializers.DecimalField) -> str | None:
    """The decimals in plain notation (``12``, ``12.``, ``12.50``, ``.5``, ``-3``, ``+3``) that
    ``field`` accepts, as a regular expression; None when the field sets no decimal places.

    DRF counts digits as Python's Decimal does: leading zeros are free, trailing ones in the
    fraction count, and a field with no whole digit (max_digits == decimal_places) takes ``0.5``
    but not ``0``. drf-spectacular's own pattern makes every digit optional, so it also matches
    ``""``, ``"-"`` and ``"."``, which the API refuses with a 400.

    A floor of zero or more (``min_value``, from a model's MinValueValidator too) drops the minus
    sign, but for negative zero (``-0``, ``-0.0``) under a floor of exactly zero, which passes it.
    Other bounds do not fit a pattern and are not in it; nor are the other spellings Decimal reads
    (``1e2``, ``1_000``, surrounding spaces): a client need not send them.
    """
    places, whole = field.decimal_places, field.max_whole_digits
    if places is None:
        return None
    forms = []
    if whole is None or whole > 0:  # Whole digits, then an optional point and fraction.
        leading = "" if whole is None else "0*"
        fraction = rf"(?:\.{_digits(0, places)})?" if places else r"\.?"
        forms.append(f"{leading}{_digits(1, whole)}{fraction}")
    if places:  # No whole digit but zeros: a point and at least one fraction digit.
        forms.append(rf"0*\.{_digits(1, places)}")
    if not forms:  # max_digits=0: no value at all.
        return None
    numbers = "|".join(forms)
    floor = None if field.min_value is None else Decimal(field.min_value)
    if floor is None or floor < 0:
        return f"^[-+]?(?:{numbers})$"
    if floor > 0:
        return rf"^\+?(?:{numbers})$"
    zeros = "|".join(form.replace("[0-9]", "0") for form in forms)  # The same forms, digits all 0.
    return rf"^(?:\+?(?:{numbers})|-(?:{zeros}))$"


# What str.strip() removes, which is what Python calls whitespace (str.isspace()), as a character
# class that Python's and ECMAScript's regular expressions read alike. ECMAScript's \s differs:
# it has U+FEFF and lacks U+001C to U+001F and U+0085.
TRIMMED = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


# The fields text_pattern describes: exactly these classes, since CharField's subclasses (email,
# slug, URL, regex) come with formats or patterns of their own.
TEXT_FIELDS = (serializers.CharField, serializers.SlugRelatedField)


def text_pattern(field: serializers.CharField | serializers.SlugRelatedField[Any]) -> str:
    """The non-empty strings ``field`` accepts as far as their characters go, as a regular
    expression: never a NUL (DRF refuses it in every text field), and when a blank is refused and
    the field trims, a character that trimming keeps (``"   "`` is blank then). The empty string is
    the schema's to state apart: ``minLength: 1`` when a blank is refused, else drf-spectacular's
    ``oneOf`` with an empty string, which needs a pattern that does not match ``""`` too. Lengths
    are left to ``minLength`` and ``maxLength``.

    Lone surrogates, which DRF refuses too, are not in the pattern: a class of them reads
    differently with and without ECMAScript's ``u`` flag (without it, every emoji is two of them).
    """
    if getattr(field, "trim_whitespace", False) and not getattr(field, "allow_blank", False):
        return rf"^[^\x00]*[^\x00{TRIMMED}][^\x00]*$"
    return r"^[^\x00]+$"


def item_bounds(field: Any) -> dict[str, int]:
    """``minItems`` and ``maxItems`` for what a list field enforces but drf-spectacular leaves out:
    ``allow_empty=False`` everywhere, and a ListSerializer's ``min_length`` and ``max_length``."""
    bounds = {}
    least = getattr(field, "min_length", None) or 0
    if not getattr(field, "allow_empty", True):
        least = max(least, 1)
    if least:
        bounds["minItems"] = least
    if (most := getattr(field, "max_length", None)) is not None:
        bounds["maxItems"] = most
    return bounds


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, listing ``{}`` (no credentials) among the security requirements of
    every operation an anonymous caller may use, with decimal and text patterns the API agrees with
    and the bounds of lists.

    drf-spectacular only knows DRF's AllowAny and IsAuthenticatedOrReadOnly; this asks the view's
    own permission classes, as they would answer an anonymous request for the operation's method,
    so a custom class (the catalogue's IsStaffOrReadOnly) is described truthfully.
    """

    def _map_serializer_field(
        self, field: Any, direction: str, bypass_extensions: bool = False
    ) -> dict[str, Any] | None:
        schema: dict[str, Any] | None = super()._map_serializer_field(
            field, direction, bypass_extensions
        )
        if schema is None:  # A nested serializer drf-spectacular could not resolve.
            return None
        if (
            isinstance(field, serializers.DecimalField)
            and not field.localize
            and not has_override(field, "field")
            and schema.get("type") == "string"
            and (pattern := decimal_pattern(field))
        ):
            # Leading zeros are free, so only DRF's cap on the string's length bounds it.
            schema = {**schema, "pattern": pattern, "maxLength": field.MAX_STRING_LENGTH}
        if (
            type(field) in TEXT_FIELDS
            and direction == "request"
            and not has_override(field, "field")
            and schema.get("type") == "string"
            and not {"pattern", "format", "enum"} & schema.keys()
            # drf-spectacular writes a RegexValidator's own pattern after this method returns.
            and not any(isinstance(v, RegexValidator) for v in field.validators)
        ):
            schema = {**schema, "pattern": text_pattern(field)}
        lists = (serializers.ListSerializer, serializers.ListField, serializers.ManyRelatedField)
        if isinstance(field, lists) and direction == "request" and schema.get("type") == "array":
            schema = {**schema, **item_bounds(field)}
        return schema

    def get_auth(self) -> list[dict[str, list[str]]]:
        auths: list[dict[str, list[str]]] = super().get_auth()
        if {} not in auths and self._anonymous_may_call():
            auths.append({})
        return auths

    def _anonymous_may_call(self) -> bool:
        request = Request(APIRequestFactory().generic(self.method, self.path))
        request.user = AnonymousUser()
        try:
            return all(
                permission.has_permission(request, self.view)
                for permission in self.view.get_permissions()
            )
        except Exception:  # A permission that needs more than a bare request: not anonymous.
            return False
