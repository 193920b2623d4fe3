"""OpenAPI schema additions: who may call each operation, and the common error body for 4xx answers.

Clients then know the error shape from the schema alone, and the fuzzing test can check that
every 4xx response matches it.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from drf_spectacular import openapi
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


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, listing ``{}`` (no credentials) among the security requirements of
    every operation an anonymous caller may use.

    drf-spectacular only knows DRF's AllowAny and IsAuthenticatedOrReadOnly; this asks the view's
    own permission classes, as they would answer an anonymous request for the operation's method,
    so a custom class (the catalogue's IsStaffOrReadOnly) is described truthfully.
    """

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
