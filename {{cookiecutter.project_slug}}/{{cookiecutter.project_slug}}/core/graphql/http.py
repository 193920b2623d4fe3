"""REST's authentication and throttles, applied to the GraphQL view (a plain Django view DRF never sees)."""

from typing import Any, cast

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from {{ cookiecutter.project_slug }}.core.exceptions import (
    RequestTooLarge,
    api_exception_handler,
    error_body,
)

# The code of a transport error (the request is not a GraphQL request the endpoint can read).
TRANSPORT_CODES = {
    status.HTTP_400_BAD_REQUEST: "bad_request",
    status.HTTP_404_NOT_FOUND: "not_found",
    status.HTTP_405_METHOD_NOT_ALLOWED: "method_not_allowed",
    status.HTTP_413_REQUEST_ENTITY_TOO_LARGE: "request_too_large",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
}


class TransportError(Exception):
    """The request cannot be read as GraphQL: answered in the API's error shape, not GraphQL's."""

    def __init__(self, status_code: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.code = code or TRANSPORT_CODES.get(status_code, "bad_request")

    def response(self) -> JsonResponse:
        body = error_body(status_code=self.status_code, code=self.code, message=self.message)
        response = JsonResponse(body, status=self.status_code)
        if self.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
            response["Allow"] = "GET, POST"
        return response


def _instances(setting: Any) -> list[Any]:
    """One instance of each class a REST_FRAMEWORK setting lists (DRF has imported them)."""
    return [cls() for cls in cast(list[type], setting)]


def _refusal(exc: exceptions.APIException) -> JsonResponse:
    """The REST error body and headers (Retry-After, WWW-Authenticate) for a refused request."""
    # Never None for an APIException: DRF renders every one of them.
    response = cast(Response, api_exception_handler(exc, {}))
    headers = {name: value for name, value in response.items() if name.lower() != "content-type"}
    return JsonResponse(response.data, status=response.status_code, headers=headers)


def authenticate_and_throttle(request: HttpRequest) -> JsonResponse | None:
    """Set ``request.user`` the way REST does, or answer 401/403/429 in the API's error shape.

    The authentication and throttle classes are the ones in ``REST_FRAMEWORK``, so a token,
    a JWT or a session that works for /api/ works here, CSRF is enforced for session users
    exactly as in DRF, and both endpoints draw on one request budget per client.
    """
    # DRF's CSRF check parses the body; reading it here first keeps a copy the GraphQL view reads.
    try:
        request.body  # noqa: B018
    except RequestDataTooBig:
        return _refusal(RequestTooLarge())
    drf_request = Request(
        request,
        parsers=_instances(api_settings.DEFAULT_PARSER_CLASSES),
        authenticators=_instances(api_settings.DEFAULT_AUTHENTICATION_CLASSES),
    )
    try:
        request.user = drf_request.user
        for throttle in _instances(api_settings.DEFAULT_THROTTLE_CLASSES):
            if not throttle.allow_request(drf_request, None):
                raise exceptions.Throttled(throttle.wait())
    except exceptions.APIException as exc:
        return _refusal(exc)
    return None
