"""Write helpers that every app's services share."""

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Model


def model_update[M: Model](
    *,
    instance: M,
    data: Mapping[str, Any],
    before_validation: Callable[[M], None] | None = None,
) -> M:
    """Set ``data`` on ``instance``, validate the row (``full_clean``) and save it.

    A name that is no field of the model raises ``FieldDoesNotExist`` before anything changes: a
    typo in a service is a bug, not a silent attribute. ``before_validation`` runs between the
    assignment and the validation, for writes the new values imply (a new default address
    demotes the old one). Call it inside the service's transaction.
    """
    for name in data:
        instance._meta.get_field(name)
    for name, value in data.items():
        setattr(instance, name, value)
    if before_validation is not None:
        before_validation(instance)
    instance.full_clean()
    instance.save()
    return instance
