"""A typed guard for views whose rows depend on who asks, while the OpenAPI schema is generated."""

from collections.abc import Callable
from functools import wraps

from django.db.models import Model, QuerySet
from rest_framework.generics import GenericAPIView


def empty_for_schema[V: GenericAPIView, M: Model](
    model: type[M],
) -> Callable[[Callable[[V], QuerySet[M]]], Callable[[V], QuerySet[M]]]:
    """Decorate ``get_queryset``: no rows while drf-spectacular builds the schema.

    drf-spectacular calls ``get_queryset`` with no signed-in user (and sets ``swagger_fake_view``)
    only to learn the model; a queryset scoped to the caller would refuse the anonymous request.
    """

    def decorate(get_queryset: Callable[[V], QuerySet[M]]) -> Callable[[V], QuerySet[M]]:
        @wraps(get_queryset)
        def guarded(view: V) -> QuerySet[M]:
            if getattr(view, "swagger_fake_view", False):
                return model._default_manager.none()
            return get_queryset(view)

        return guarded

    return decorate
