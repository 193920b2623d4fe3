"""The strawberry mutation payload every app's mutations answer: the row written, or the refusals.

A payload type subclasses ``Payload`` and declares its one row field; a mutation returns
``XPayload.answer(outcome)`` with the ``Outcome`` that ``errors.perform`` (or ``errors.not_found``)
gave it:

    @strawberry.type
    class PostPayload(Payload):
        post: PostDetailType | None = None
"""

import dataclasses
from typing import Self

import strawberry

from .errors import Outcome
from .types_strawberry import FieldError, to_field_errors


@strawberry.type(description="What a mutation answers: the row it wrote, or why it refused.")
class Payload:
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="Empty when the mutation succeeded."
    )

    @classmethod
    def answer(cls, outcome: Outcome) -> Self:
        """The payload of ``outcome``: its row in the type's row field, its errors in ``errors``."""
        row, errors = outcome
        (field,) = (f.name for f in dataclasses.fields(cls) if f.name != "errors")
        return cls(**{field: row, "errors": to_field_errors(errors)})
