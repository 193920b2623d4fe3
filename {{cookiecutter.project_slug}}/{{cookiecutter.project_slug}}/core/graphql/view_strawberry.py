"""The /graphql/ view: REST's authentication and throttles first, then strawberry; the IDE per settings.

A request strawberry cannot read (bad JSON, a body too deep, a wrong method or content type) is
answered in the API's error shape, never as text. A document refused before it runs answers 400,
as graphene does.
"""

from typing import Any, cast

from cross_web import HTTPException
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from strawberry.django.views import GraphQLView as StrawberryView
from strawberry.http import GraphQLHTTPResponse

from {{ cookiecutter.project_slug }}.core.parsers import JSONBodyError, load_json

from .errors import hide_suggestions
from .http import TransportError, authenticate_and_throttle
from .ide import render_graphiql


# CSRF is checked the way DRF checks it: by SessionAuthentication, for session users only.
@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(StrawberryView):
    allow_queries_via_get = False  # a GET must never change anything; reads POST as well

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        refused = authenticate_and_throttle(request)
        if refused is not None:
            return refused
        # Read per request, so a settings change (or a test's override) needs no new schema.
        self.graphql_ide = "graphiql" if settings.GRAPHQL_IDE else None
        try:
            # strawberry decodes the body as UTF-8 without catching the error (a 500).
            request.body.decode()
        except UnicodeDecodeError:
            return TransportError(
                status.HTTP_400_BAD_REQUEST, "The request body is not UTF-8.", "parse_error"
            ).response()
        try:
            return self.run(request=request)
        except HTTPException as error:
            return TransportError(error.status_code, error.reason).response()
        except JSONBodyError as error:
            return TransportError(error.status_code, error.message, error.code).response()

    def render_graphql_ide(self, request: HttpRequest) -> HttpResponse:
        # The project's page (same-origin assets, no inline script), not strawberry's CDN one.
        return render_graphiql(request)

    def decode_json(self, data: str | bytes) -> object:
        return load_json(data)

    def process_result(self, request: HttpRequest, result: Any) -> GraphQLHTTPResponse:
        response = super().process_result(request, result)
        for error in cast(list[dict[str, Any]], response.get("errors") or []):
            error["message"] = hide_suggestions(error["message"])
        return response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: HttpResponse,
    ) -> HttpResponseBase:
        # An error with no path was raised before execution (parsing, validation, limits).
        responses = response_data if isinstance(response_data, list) else [response_data]
        errors = [
            error
            for data in responses
            for error in cast(list[dict[str, Any]], data.get("errors") or [])
        ]
        if any("path" not in error for error in errors):
            sub_response.status_code = status.HTTP_400_BAD_REQUEST
        return super().create_response(response_data, sub_response)
