"""The /graphql/ view: REST's authentication and throttles first, then graphene; limits per settings."""

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView as GrapheneView
from graphql import ExecutionResult, GraphQLError, parse

from .errors import MASKED_MESSAGE, should_mask
from .http import authenticate_and_throttle
from .validation_graphene import validation_rules

logger = logging.getLogger(__name__)


# CSRF is checked the way DRF checks it: by SessionAuthentication, for session users only.
@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(GrapheneView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        refused = authenticate_and_throttle(request)
        if refused is not None:
            return refused
        # Read per request, so a settings change (or a test's override) needs no new schema.
        self.graphiql = settings.GRAPHQL_IDE
        self.validation_rules = validation_rules()
        return super().dispatch(request, *args, **kwargs)

    def execute_graphql_request(
        self, request: HttpRequest, data: Any, query: str | None, *args: Any, **kwargs: Any
    ) -> ExecutionResult | None:
        if query:
            # Parsing costs time and memory linear in the tokens: refuse an oversized document
            # before graphene parses it.
            try:
                parse(query, max_tokens=settings.GRAPHQL_MAX_TOKENS)
            except GraphQLError as error:
                return ExecutionResult(data=None, errors=[error])
        return super().execute_graphql_request(request, data, query, *args, **kwargs)

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        if isinstance(error, GraphQLError) and should_mask(error):
            logger.error("GraphQL resolver failed", exc_info=error.original_error)
            error = GraphQLError(MASKED_MESSAGE, error.nodes, path=error.path)
        return GrapheneView.format_error(error)
