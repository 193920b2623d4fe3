"""Health probes, the favicon, and the JSON answers for errors raised outside DRF views."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from rest_framework import status

from .exceptions import error_body
from .health import READY_RESULTS, run_readiness_checks


@never_cache
@require_safe
def livez(request: HttpRequest) -> JsonResponse:
    """The process is up; touches no dependency, so a slow database never restarts it."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Every dependency answers; 503 names the ones that do not."""
    checks = run_readiness_checks()
    ready = all(result in READY_RESULTS for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=status.HTTP_200_OK if ready else status.HTTP_503_SERVICE_UNAVAILABLE,
    )


@require_safe
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask every site for /favicon.ico: send them to the static file (fingerprinted, cached)."""
    # Looked up per request: under the manifest storage the name exists only after collectstatic.
    return HttpResponseRedirect(static("core/favicon.ico"))


def _error(status_code: int, code: str, message: str) -> JsonResponse:
    body = error_body(status_code=status_code, code=code, message=message)
    return JsonResponse(body, status=status_code)


def bad_request(request: HttpRequest, exception: Exception) -> JsonResponse:
    if isinstance(exception, RequestDataTooBig):
        # Django files it under 400 (a SuspiciousOperation); HTTP has a status for it.
        return _error(
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            "request_too_large",
            "The request body is too large.",
        )
    return _error(status.HTTP_400_BAD_REQUEST, "bad_request", "The request is malformed.")


def permission_denied(request: HttpRequest, exception: Exception) -> JsonResponse:
    return _error(status.HTTP_403_FORBIDDEN, "permission_denied", "You may not do this.")


def page_not_found(request: HttpRequest, exception: Exception) -> JsonResponse:
    return _error(status.HTTP_404_NOT_FOUND, "not_found", "No such resource.")


def server_error(request: HttpRequest) -> JsonResponse:
    return _error(status.HTTP_500_INTERNAL_SERVER_ERROR, "server_error", "Something went wrong.")
