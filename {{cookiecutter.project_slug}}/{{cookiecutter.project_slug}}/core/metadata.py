"""The answer to OPTIONS: DRF's, minus the body description of actions that take no body.

DRF describes the body of POST and PUT by instantiating the view's serializer; a view that takes
no body (sign out, token rotation) sets ``serializer_class = None`` and DRF's own class would fail
on it with a 500.
"""

from typing import Any

from rest_framework.generics import GenericAPIView
from rest_framework.metadata import SimpleMetadata
from rest_framework.request import Request
from rest_framework.views import APIView


class Metadata(SimpleMetadata):
    def determine_actions(self, request: Request, view: APIView) -> dict[str, Any]:
        takes_no_body = (
            isinstance(view, GenericAPIView)
            and view.serializer_class is None
            and type(view).get_serializer_class is GenericAPIView.get_serializer_class
        )
        if takes_no_body:
            return {}
        actions: dict[str, Any] = super().determine_actions(request, view)
        return actions
