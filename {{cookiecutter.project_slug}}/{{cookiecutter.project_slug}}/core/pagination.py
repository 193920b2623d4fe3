"""Page-number pagination with a client-chosen page size, capped so no request can ask for everything.

``page`` and ``page_size`` are positive integers, and the schema says so: anything else (``abc``,
``null``, ``0``, ``-5``) is refused with 400 rather than quietly replaced by a default, so a client
with a bug hears about it. A page size over the cap is served at the cap; a page past the last
answers 404.
"""

from typing import Any

from django.core.paginator import Paginator
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request


def _positive_int(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise ValidationError({name: ["A positive integer is required."]})
    return int(raw)


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_number(self, request: Request, paginator: Paginator) -> int:
        return _positive_int(request, self.page_query_param) or 1

    def get_page_size(self, request: Request) -> int | None:
        size = _positive_int(request, self.page_size_query_param)
        return min(size, self.max_page_size) if size else self.page_size

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
