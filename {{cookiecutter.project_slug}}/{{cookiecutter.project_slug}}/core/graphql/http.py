"""REST's authentication and throttles, applied to the GraphQL view (a plain Django view DRF never sees)."""

from django.http import HttpRequest, JsonResponse
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.settings import api_settings

from {{ cookiecutter.project_slug }}.core.exceptions import error_body


def _error(exc: exceptions.APIException, headers: dict[str, str] | None = None) -> JsonResponse:
    code = exc.get_codes()
    return JsonResponse(
        error_body(
            status_code=exc.status_code,
            code=code if isinstance(code, str) else "error",
            message=str(exc.detail),
        ),
        status=exc.status_code,
        headers=headers,
    )


def authenticate_and_throttle(request: HttpRequest) -> JsonResponse | None:
    """Set ``request.user`` the way REST does, or answer 401/403/429 in the API's error shape.

    The authentication and throttle classes are the ones in ``REST_FRAMEWORK``, so a token,
    a JWT or a session that works for /api/ works here, CSRF is enforced for session users
    exactly as in DRF, and both endpoints draw on one request budget per client.
    """
    drf_request = Request(
        request,
        authenticators=[auth() for auth in api_settings.DEFAULT_AUTHENTICATION_CLASSES],
    )
    try:
        request.user = drf_request.user
    except exceptions.APIException as exc:
        return _error(exc)
    for throttle in (throttle_class() for throttle_class in api_settings.DEFAULT_THROTTLE_CLASSES):
        if not throttle.allow_request(drf_request, None):  # type: ignore[arg-type]
            wait = throttle.wait()
            exc = exceptions.Throttled(wait)
            headers = {"Retry-After": str(int(wait))} if wait is not None else None
            return _error(exc, headers)
    return None
