"""JSON bodies read with bounds: nesting depth and item count, so no body can crash or stall a parser.

Python's json module recurses once per nesting level: a 20 KB body of ``[`` raises RecursionError
(a 500) and a shallower one still reaches code that recurses again (serializers, error
formatting). ``load_json`` parses, then walks the result without recursion and refuses it if it is
deeper than ``JSON_MAX_DEPTH`` or holds more than ``JSON_MAX_ITEMS`` values. A number too large
for a float (``1e400``), which Python would read as infinity, is refused too. The size is bounded
before any of this by ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (413). Every JSON body the project reads goes
through here: REST's parser (``BoundedJSONParser``) and any view that reads JSON itself (``load_json``).
"""

import json
import math
from typing import Any

from django.conf import settings
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser


class JSONBodyError(exceptions.APIException):
    """The body is not JSON the API accepts; ``code`` says why."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request body is not valid JSON."
    default_code = "parse_error"

    def __init__(self, detail: str | None = None, code: str | None = None) -> None:
        super().__init__(detail, code)
        self.code = code or self.default_code
        self.message = str(self.detail)


def _too_deep(limit: int) -> JSONBodyError:
    return JSONBodyError(f"The JSON body is nested more than {limit} levels deep.", "json_too_deep")


def _check_bounds(value: Any, *, max_depth: int, max_items: int) -> None:
    """Walk ``value`` with an explicit stack; stop at the first bound crossed."""
    items = 0
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            raise _too_deep(max_depth)
        items += len(node)
        if items > max_items:
            raise JSONBodyError(
                f"The JSON body holds more than {max_items} values.", "json_too_many_items"
            )
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    """A JSON number with a fraction or an exponent, as a float; never infinity, which JSON cannot
    spell and no field means (a text field would store ``"inf"``)."""
    value = float(text)
    if math.isinf(value):
        raise JSONBodyError(
            f"The JSON body holds a number too large to read: {text[:20]}.",
            "json_number_out_of_range",
        )
    return value


def load_json(raw: bytes | str) -> Any:
    """Parse a JSON document within JSON_MAX_DEPTH and JSON_MAX_ITEMS, or raise JSONBodyError."""
    max_depth = settings.JSON_MAX_DEPTH
    try:
        value = json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise _too_deep(max_depth) from None
    except json.JSONDecodeError as error:
        raise JSONBodyError(f"The request body is not valid JSON: {error}") from None
    except ValueError:
        # Bad UTF-8, NaN, or an integer longer than Python converts (4300 digits).
        raise JSONBodyError() from None
    _check_bounds(value, max_depth=max_depth, max_items=settings.JSON_MAX_ITEMS)
    return value


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser with the bounds of ``load_json``."""

    def parse(self, stream: Any, *args: Any, **kwargs: Any) -> Any:
        # The media type and the parser context (DRF's other arguments) do not change how JSON reads.
        return load_json(stream.read())
