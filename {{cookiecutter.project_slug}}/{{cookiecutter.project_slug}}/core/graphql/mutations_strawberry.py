"""The strawberry mutation payload every app's mutations answer: the row written, or the refusals.

A payload type subclasses ``Payload`` and declares its row field and ``errors``; a mutation returns
``XPayload.answer(outcome)`` with the ``Outcome`` that ``errors.perform`` (or ``errors.not_found``)
gave it:

    @strawberry.type
    class PostPayload(Payload):
        post: PostDetailType | None = None
        errors: list[FieldError] = strawberry.field(default_factory=list)
"""

import dataclasses
from typing import Self

from .errors import Outcome
from .types_strawberry import to_field_errors


class Payload:
    """The base of payload types: ``answer`` puts an outcome's row in the type's one other field."""

    @classmethod
    def answer(cls, outcome: Outcome) -> Self:
        row, errors = outcome
        (field,) = (f.name for f in dataclasses.fields(cls) if f.name != "errors")  # type: ignore[arg-type]
        return cls(**{field: row, "errors": to_field_errors(errors)})
