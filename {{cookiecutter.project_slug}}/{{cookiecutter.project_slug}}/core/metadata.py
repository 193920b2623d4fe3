"""The answer to OPTIONS: DRF's, minus the body description of actions that take no body.

DRF describes the body of POST and PUT by instantiating the view's serializer; a view that takes
no body (sign out, token rotation) sets ``serializer_class = None`` and DRF's own class would fail
on it with a 500. DRF imports this module while it defines APIView: no import of DRF's views here.
"""

from typing import TYPE_CHECKING, Any

from rest_framework.metadata import SimpleMetadata
from rest_framework.request import Request

if TYPE_CHECKING:
    from rest_framework.views import APIView


def takes_no_body(view: "APIView") -> bool:
    """``serializer_class = None`` and no ``get_serializer_class`` of the view's own to say otherwise."""
    if getattr(view, "serializer_class", "absent") is not None:
        return False
    owner = next((cls for cls in type(view).__mro__ if "get_serializer_class" in vars(cls)), object)
    return owner.__module__ == "rest_framework.generics"


class Metadata(SimpleMetadata):
    def determine_actions(self, request: Request, view: "APIView") -> dict[str, Any]:
        if takes_no_body(view):
            return {}
        actions: dict[str, Any] = super().determine_actions(request, view)
        return actions
