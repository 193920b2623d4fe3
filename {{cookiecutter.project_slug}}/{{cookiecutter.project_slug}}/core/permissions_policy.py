"""The Permissions-Policy header: an API page needs no camera, microphone, location or payment."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def header_value(policy: dict[str, list[str]]) -> str:
    """``{"camera": []}`` -> ``camera=()``; ``{"fullscreen": ["self"]}`` -> ``fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    """Set PERMISSIONS_POLICY on every response that has no such header yet."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.value = header_value(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response
