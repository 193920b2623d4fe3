"""The /graphql/ view: REST's authentication and throttles first, then strawberry; the IDE per settings."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView as StrawberryView

from .http import authenticate_and_throttle


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
        return super().dispatch(request, *args, **kwargs)
