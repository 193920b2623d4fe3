"""CSV export of list endpoints through content negotiation (Accept: text/csv or ?format=csv).

A small renderer instead of djangorestframework-csv: that package's last release
targets Python 3.11 at most and sees little maintenance, and a page of flat rows
needs only the standard library.
"""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from .renderers import BrowsableAPIRenderer

# Cells starting with these are formulas to a spreadsheet: prefix them so they stay text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, prefix=f"{name}."))
        else:
            flat[name] = value
    return flat


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


class PaginatedCSVRenderer(BaseRenderer):
    """Render the rows of a page (``results``) as CSV, one column per (nested) field."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        rows: Iterable[Mapping[str, Any]] = (
            data.get("results", []) if isinstance(data, dict) else data
        )
        flat_rows = [_flatten(row) for row in rows]
        header: list[str] = []
        for row in flat_rows:
            header.extend(key for key in row if key not in header)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in flat_rows:
            writer.writerow([_cell(row.get(column)) for column in header])
        return buffer.getvalue().encode(self.charset)


class CSVExportMixin:
    """Offer CSV beside JSON and the browsable API; errors stay JSON whatever was asked."""

    renderer_classes: Sequence[type[BaseRenderer]] = (
        JSONRenderer,
        BrowsableAPIRenderer,
        PaginatedCSVRenderer,
    )

    def handle_exception(self, exc: Exception) -> Response:
        # A mixin: APIView, later in the view's bases, defines handle_exception and request.
        response = super().handle_exception(exc)  # type: ignore[misc]
        request = self.request  # type: ignore[attr-defined]
        if isinstance(getattr(request, "accepted_renderer", None), PaginatedCSVRenderer):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return response
