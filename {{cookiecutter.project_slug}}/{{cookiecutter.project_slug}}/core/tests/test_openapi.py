"""The schema documents the common error body for every operation, who may call it, and decimal
and text patterns that match what the API accepts."""

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.validators import RegexValidator
from django.urls import path as route
from drf_spectacular.generators import SchemaGenerator
from rest_framework import generics, serializers, status

from ..openapi import (
    ERROR_RESPONSE,
    HTTP_METHODS,
    TRIMMED,
    add_error_responses,
    decimal_pattern,
    item_bounds,
    text_pattern,
)


@pytest.mark.django_db
def test_every_operation_documents_the_4xx_error_body():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    operations = [op for item in schema["paths"].values() for op in item.values()]
    assert operations
    assert all(op["responses"]["4XX"] == ERROR_RESPONSE for op in operations)
    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]


def test_path_level_keys_are_left_alone_and_declared_errors_win():
    declared = {"description": "Conflict"}
    schema = {
        "paths": {
            "/x/": {
                "parameters": [{"name": "id", "in": "query"}],
                "post": {"responses": {"4XX": declared}},
            }
        }
    }

    add_error_responses(schema)

    assert schema["paths"]["/x/"]["parameters"] == [{"name": "id", "in": "query"}]
    assert schema["paths"]["/x/"]["post"]["responses"]["4XX"] is declared


@pytest.mark.django_db
def test_an_operation_lists_no_credentials_exactly_when_anonymous_callers_get_through(api_client):
    """``{}`` among an operation's security requirements means "no credentials needed": it must be
    there for every operation an anonymous caller is let into, and nowhere else."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    anonymous, protected = [], []

    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            url = re.sub(r"\{[^}]+\}", "1", path)
            response = api_client.generic(
                method.upper(), url, "{}", content_type="application/json"
            )
            refused = response.status_code in {status.HTTP_401_UNAUTHORIZED, 403}
            listed = {} in operation.get("security", [])
            assert refused != listed, f"{method.upper()} {path}: {response.status_code}"
            (anonymous if listed else protected).append(f"{method.upper()} {path}")

    assert "POST /api/v1/auth/register/" in anonymous
    assert "GET /api/v1/users/me/" in protected
{%- if cookiecutter.example_app == "ecommerce" %}
    assert "GET /api/v1/shop/products/" in anonymous
    assert "POST /api/v1/shop/products/" in protected
{%- elif cookiecutter.example_app == "cms" %}
    assert "GET /api/v1/cms/posts/" in anonymous
{%- endif %}


@pytest.mark.django_db
def test_page_parameters_are_documented_as_positive_integers():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    parameters = schema["paths"]["/api/v1/users/"]["get"]["parameters"]

    pages = {p["name"]: p["schema"] for p in parameters if p["name"] in {"page", "page_size"}}

    assert pages == {name: {"type": "integer", "minimum": 1} for name in ("page", "page_size")}


def accepts(field: serializers.Field, text: str) -> bool:
    """Whether DRF takes ``text`` for ``field``."""
    try:
        field.run_validation(text)
    except serializers.ValidationError:
        return False
    return True


def _plain_decimals() -> Iterator[str]:
    """Every string of up to 5 characters over the symbols of plain decimal notation."""
    for length in range(6):
        for symbols in itertools.product("01-+.", repeat=length):
            yield "".join(symbols)


@pytest.mark.parametrize(
    "options",
    [
        {"max_digits": 3, "decimal_places": 1},
        {"max_digits": 2, "decimal_places": 0},  # whole numbers only
        {"max_digits": 2, "decimal_places": 2},  # no whole digit: 0.5 but not 0
        {"max_digits": None, "decimal_places": 1},
        {"max_digits": 3, "decimal_places": 1, "min_value": Decimal("0")},
        {"max_digits": 2, "decimal_places": 2, "min_value": Decimal("0")},
    ],
    ids=repr,
)
def test_a_decimal_pattern_matches_exactly_the_plain_decimals_the_field_accepts(options):
    """Over some 3,900 strings of signs, points, zeros and ones, the pattern and DRF agree on
    every one (negative zero under a floor of zero included)."""
    field = serializers.DecimalField(**options)
    pattern = re.compile(decimal_pattern(field) or "")

    disagreements = [
        text for text in _plain_decimals() if accepts(field, text) != bool(pattern.fullmatch(text))
    ]

    assert disagreements == []


def test_a_decimal_without_places_or_digits_gets_no_pattern():
    assert decimal_pattern(serializers.DecimalField(max_digits=None, decimal_places=None)) is None
    assert decimal_pattern(serializers.DecimalField(max_digits=0, decimal_places=0)) is None


class PriceSerializer(serializers.Serializer):
    price = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=Decimal("0.01"))


class PriceView(generics.CreateAPIView):
    serializer_class = PriceSerializer


def test_a_decimal_field_states_its_pattern_and_the_longest_string_drf_reads():
    """A floor above zero leaves no sign but ``+``; the floor's value itself is not in the pattern."""
    generator = SchemaGenerator(patterns=[route("prices/", PriceView.as_view())])
    schema = generator.get_schema(request=None, public=True)

    price = schema["components"]["schemas"]["PriceRequest"]["properties"]["price"]
    assert price["maxLength"] == serializers.DecimalField.MAX_STRING_LENGTH
    pattern = re.compile(price["pattern"])
    assert pattern.fullmatch("+12.5")
    assert pattern.fullmatch("999.99")
    assert not pattern.fullmatch("-1")
    assert not pattern.fullmatch("1.234")


@pytest.mark.parametrize(
    ("field", "bounds"),
    [
        (serializers.ListField(child=serializers.IntegerField()), {}),
        (
            serializers.ListField(child=serializers.IntegerField(), allow_empty=False),
            {"minItems": 1},
        ),
        (
            serializers.ListSerializer(child=serializers.Serializer(), min_length=2, max_length=5),
            {"minItems": 2, "maxItems": 5},
        ),
        (
            serializers.ListSerializer(child=serializers.Serializer(), allow_empty=False),
            {"minItems": 1},
        ),
    ],
    ids=["free", "allow_empty=False", "lengths", "list serializer not empty"],
)
def test_a_list_states_the_item_counts_its_field_enforces(field, bounds):
    """What the field refuses: an empty list (allow_empty=False), too few or too many items."""
    least, most = bounds.get("minItems", 0), bounds.get("maxItems")

    def refused(count: int) -> bool:
        try:
            field.run_validation([1 if isinstance(field, serializers.ListField) else {}] * count)
        except serializers.ValidationError:
            return True
        return False

    assert item_bounds(field) == bounds
    assert [refused(count) for count in range(7)] == [
        count < least or (most is not None and count > most) for count in range(7)
    ]


def _decimal_properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{name}.{prop}": spec
        for name, component in schema["components"]["schemas"].items()
        for prop, spec in component.get("properties", {}).items()
        if spec.get("format") == "decimal"
    }


@pytest.mark.django_db
def test_every_decimal_in_the_schema_needs_a_digit():
    """drf-spectacular's own patterns match "", "-" and ".", which the API refuses with a 400."""
    decimals = _decimal_properties(SchemaGenerator().get_schema(request=None, public=True))

    for name, spec in decimals.items():
        pattern = re.compile(spec["pattern"])
        assert not any(pattern.search(text) for text in ["", "-", "+", ".", "-.", "+."]), name
        assert pattern.search("0") or pattern.search("0.0"), name
        assert spec["maxLength"] == serializers.DecimalField.MAX_STRING_LENGTH, name


def test_the_trimmed_characters_are_exactly_those_python_strips():
    trimmed = re.compile(f"[{TRIMMED}]")

    differ = [
        hex(point)
        for point in range(0x110000)
        if bool(trimmed.fullmatch(chr(point))) != (chr(point).strip() == "")
    ]

    assert differ == []


# A letter, the NUL DRF refuses, and whitespace as Python and ECMAScript disagree on it: U+001F is
# Python's only, U+FEFF ECMAScript's only.
TEXT_SYMBOLS = ["a", "\x00", " ", "\n", "\u3000", "\x1f", "\ufeff"]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"allow_blank": True},
        {"trim_whitespace": False},
        {"allow_blank": True, "trim_whitespace": False},
    ],
    ids=repr,
)
def test_a_text_pattern_matches_exactly_the_strings_the_field_accepts(options):
    """Over the 399 non-empty strings of up to 3 of TEXT_SYMBOLS, the pattern (searched, as JSON
    Schema does) and DRF agree on every one. The empty string is the schema's length or oneOf's
    (test_a_text_field_keeps_a_format_or_a_pattern_of_its_own)."""
    field = serializers.CharField(**options)
    pattern = re.compile(text_pattern(field))
    texts = (
        "".join(symbols)
        for length in range(1, 4)
        for symbols in itertools.product(TEXT_SYMBOLS, repeat=length)
    )

    disagreements = [text for text in texts if accepts(field, text) != bool(pattern.search(text))]

    assert disagreements == []


def fits(spec: dict[str, Any], text: str) -> bool:
    """Whether ``text`` fits a string's schema as a JSON Schema validator reads it: a pattern is
    searched for, and ``oneOf`` (drf-spectacular's form for a blank-or-pattern field) takes one."""
    if "oneOf" in spec:
        return sum(fits(option, text) for option in spec["oneOf"]) == 1
    within = spec.get("minLength", 0) <= len(text) <= spec.get("maxLength", len(text))
    return within and bool(re.search(spec.get("pattern", ""), text))


def _is_free_text(spec: dict[str, Any]) -> bool:
    """A string with no format and no enum (directly or as every option of a ``oneOf``)."""
    options = spec.get("oneOf", [spec])
    return all(
        option.get("type") == "string" and not {"format", "enum"} & option.keys()
        for option in options
    )


@pytest.mark.django_db
def test_every_text_field_of_a_request_refuses_nul_in_the_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    texts = {
        f"{name}.{prop}": spec
        for name, component in schema["components"]["schemas"].items()
        if name.endswith("Request")
        for prop, spec in component.get("properties", {}).items()
        if _is_free_text(spec)
    }

    assert "PatchedUserUpdateInputRequest.name" in texts
    assert [name for name, spec in texts.items() if fits(spec, "a\x00b")] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["Ada", " Ada ", "", "   ", "\u3000", "\x1f", "\ufeff", "A\x00da"], ids=repr
)
def test_the_schema_and_the_api_agree_on_a_name(user_client, name):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    spec = schema["components"]["schemas"]["PatchedUserUpdateInputRequest"]["properties"]["name"]

    response = user_client.patch("/api/v1/users/me/", {"name": name}, format="json")

    if fits(spec, name):
        assert response.status_code == status.HTTP_200_OK, response.json()
    else:
        assert response.status_code == status.HTTP_400_BAD_REQUEST
        assert "name" in response.json()["error"]["fields"]


class TextFieldsSerializer(serializers.Serializer):
    code = serializers.CharField(validators=[RegexValidator(r"^[A-Z]{2}$")])
    note = serializers.CharField(allow_blank=True)
    email = serializers.EmailField()


class TextFieldsView(generics.CreateAPIView):
    serializer_class = TextFieldsSerializer


def test_a_text_field_keeps_a_format_or_a_pattern_of_its_own():
    generator = SchemaGenerator(patterns=[route("text-fields/", TextFieldsView.as_view())])
    schema = generator.get_schema(request=None, public=True)

    fields = schema["components"]["schemas"]["TextFieldsRequest"]["properties"]
    assert fields["code"]["pattern"] == "^[A-Z]{2}$"
    assert fields["email"]["format"] == "email"
    assert "pattern" not in fields["email"]
    # A blank note or one without NUL: drf-spectacular spells "blank or a pattern" as a oneOf.
    assert [fits(fields["note"], text) for text in ["", "   ", "a note", "a\x00"]] == [
        True,
        True,
        True,
        False,
    ]
