"""The /graphql/ view: REST's authentication and throttles first, then graphene; limits per settings.

Before graphene validates a document it is parsed within GRAPHQL_MAX_TOKENS and checked by cost.py
(depth, cost, fragment cycles). A request graphene cannot read (bad JSON, a body too deep, a wrong
method, no query) is answered in the API's error shape.
"""

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView as GrapheneView
from graphql import ExecutionContext, ExecutionResult, GraphQLError, OperationType, parse
from graphql.utilities import get_operation_ast
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.parsers import JSONBodyError, load_json

from .cost import DeadlineMixin, check_document
from .errors import MASKED_MESSAGE, hide_suggestions, should_mask
from .http import TransportError, authenticate_and_throttle
from .ide import render_graphiql
from .validation_graphene import validation_rules

logger = logging.getLogger(__name__)


class DeadlineExecutionContext(DeadlineMixin, ExecutionContext):
    """Fields not started once GRAPHQL_TIMEOUT_SECONDS have passed fail at once."""


# CSRF is checked the way DRF checks it: by SessionAuthentication, for session users only.
@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(GrapheneView):
    execution_context_class = DeadlineExecutionContext

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        refused = authenticate_and_throttle(request)
        if refused is not None:
            return refused
        if request.method not in ("GET", "POST"):
            return TransportError(
                status.HTTP_405_METHOD_NOT_ALLOWED, "GraphQL only supports GET and POST requests."
            ).response()
        # Read per request, so a settings change (or a test's override) needs no new schema.
        self.graphiql = settings.GRAPHQL_IDE
        self.validation_rules = validation_rules()
        try:
            return super().dispatch(request, *args, **kwargs)
        except TransportError as error:
            return error.response()

    def render_graphiql(self, request: HttpRequest, **data: Any) -> HttpResponse:
        # The project's page (same-origin assets, no inline script), not graphene's CDN one.
        return render_graphiql(request)

    def parse_body(self, request: HttpRequest) -> Any:
        content_type = self.get_content_type(request)
        if content_type == "application/json":
            data = _load(request.body)
            if not isinstance(data, dict):
                raise TransportError(status.HTTP_400_BAD_REQUEST, "The body must be a JSON object.")
            return data
        if content_type == "application/graphql":
            try:
                return {"query": request.body.decode()}
            except UnicodeDecodeError:
                raise TransportError(
                    status.HTTP_400_BAD_REQUEST, "The request body is not UTF-8.", "parse_error"
                ) from None
        return super().parse_body(request)

    @staticmethod
    def get_graphql_params(request: HttpRequest, data: Any) -> tuple[Any, Any, Any, Any]:
        """graphene's reading of the parameters, with variables parsed by ``load_json``."""
        query = request.GET.get("query") or data.get("query")
        variables = request.GET.get("variables") or data.get("variables")
        operation_name = request.GET.get("operationName") or data.get("operationName")
        if isinstance(variables, str) and variables:
            variables = _load(variables)
        if query is not None and not isinstance(query, str):
            raise TransportError(status.HTTP_400_BAD_REQUEST, "query must be a string.")
        if variables is not None and not isinstance(variables, dict):
            raise TransportError(status.HTTP_400_BAD_REQUEST, "variables must be an object.")
        if operation_name == "null":
            operation_name = None
        return query, variables or None, operation_name, request.GET.get("id") or data.get("id")

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: Any,
        query: str | None,
        variables: Any,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        if not query:
            if show_graphiql:
                return None
            raise TransportError(
                status.HTTP_400_BAD_REQUEST, "No GraphQL query found in the request."
            )
        # Parsing costs time and memory linear in the tokens: refuse an oversized document
        # before graphene parses it; then what it would cost to run, before validation walks it.
        try:
            document = parse(query, max_tokens=settings.GRAPHQL_MAX_TOKENS)
            check_document(self.schema.graphql_schema, document, variables)
        except GraphQLError as error:
            return ExecutionResult(data=None, errors=[error])
        except RecursionError:
            # graphql-core 3.2's parser recurses once per nesting level.
            too_deep = GraphQLError(
                "The document is nested too deeply.", extensions={"code": "too_deep"}
            )
            return ExecutionResult(data=None, errors=[too_deep])
        operation = get_operation_ast(document, operation_name)
        if request.method == "GET" and (
            operation is None or operation.operation != OperationType.QUERY
        ):
            raise TransportError(
                status.HTTP_405_METHOD_NOT_ALLOWED, "Only queries may be sent with GET; use POST."
            )
        return super().execute_graphql_request(
            request, data, query, variables, operation_name, show_graphiql
        )

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        if isinstance(error, GraphQLError) and should_mask(error):
            logger.error("GraphQL resolver failed", exc_info=error.original_error)
            error = GraphQLError(MASKED_MESSAGE, error.nodes, path=error.path)
        formatted = GrapheneView.format_error(error)
        formatted["message"] = hide_suggestions(formatted["message"])
        return formatted


def _load(raw: str | bytes) -> Any:
    try:
        return load_json(raw)
    except JSONBodyError as error:
        raise TransportError(error.status_code, error.message, error.code) from None
