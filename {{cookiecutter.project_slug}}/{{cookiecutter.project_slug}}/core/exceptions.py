"""One JSON error shape for every 4xx and 5xx, and the error type business rules raise."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler


class ApplicationError(Exception):
    """A business rule refused the request; rendered with the common error body."""

    status_code: int = status.HTTP_400_BAD_REQUEST
    code: str = "invalid"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status_code: int | None = None,
        fields: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.status_code = status_code or self.status_code
        self.fields = fields or {}


class RequestTooLarge(exceptions.APIException):
    """The body is over DATA_UPLOAD_MAX_MEMORY_SIZE: refused before it is parsed."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


def error_body(
    *,
    status_code: int,
    code: str,
    message: str,
    fields: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The body of every error response: {"error": {"status", "code", "message", "fields"}}."""
    return {
        "error": {
            "status": status_code,
            "code": code,
            "message": message,
            "fields": fields or {},
        }
    }


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, reshaped; Django validation errors from services become 400s."""
    if isinstance(exc, ApplicationError):
        body = error_body(
            status_code=exc.status_code,
            code=exc.code,
            message=exc.message,
            fields=exc.fields,
        )
        return Response(body, status=exc.status_code)
    # Convert Django's exceptions here, not inside DRF's handler, so their codes are known below.
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()

    response = exception_handler(exc, context)
    if response is None:
        return None  # Unhandled: Django's handler500 answers with the same shape.

    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body(
            status_code=response.status_code,
            code="invalid",
            message="The request has invalid fields.",
            fields=fields,
        )
    else:
        code, message = _code_and_message(getattr(exc, "detail", str(exc)))
        response.data = error_body(status_code=response.status_code, code=code, message=message)
    return response


def _code_and_message(detail: Any) -> tuple[str, str]:
    """DRF details carry their code; simplejwt nests one in a dict {"detail", "code", "messages"}."""
    if isinstance(detail, dict):
        code = detail.get("code") or getattr(detail.get("detail"), "code", None)
        detail = detail.get("detail", "")
    else:
        code = getattr(detail, "code", None)
    return str(code or "error"), str(detail)
