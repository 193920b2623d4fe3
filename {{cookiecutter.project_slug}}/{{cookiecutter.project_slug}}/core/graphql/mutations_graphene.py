"""The graphene mutation every app's mutations build on: one ``input``, a payload of row and refusals.

A mutation names its input and payload types as class arguments and writes one static ``write``
that returns an ``Outcome`` (``errors.perform`` returns one); the base declares the argument and
the output, refuses anonymous callers unless ``login=False``, and builds the payload.

    class CreatePost(InputMutation, input=CreatePostInput, payload=PostPayload):
        @staticmethod
        def write(info: graphene.ResolveInfo, input: CreatePostInput) -> Outcome: ...
"""

from typing import Any, ClassVar

import graphene

from .errors import NotAuthenticatedError, Outcome
from .types_graphene import FieldError, current_user, to_field_errors


class Payload(graphene.ObjectType):
    """A payload type: ``row_field`` names the field that carries the row written."""

    row_field: ClassVar[str]

    class Meta:
        abstract = True


def payload_type(name: str, **row: type[graphene.ObjectType]) -> type[Payload]:
    """``<name>``: the row a mutation wrote (null when refused), then why it was refused (``errors``).

    ``payload_type("PostPayload", post=PostDetailType)``; one keyword, the row's field and type.
    """
    ((field, row_type),) = row.items()
    return type(
        name,
        (Payload,),
        {
            field: graphene.Field(row_type),
            "errors": graphene.List(graphene.NonNull(FieldError), required=True),
            "row_field": field,
        },
    )


class InputMutation(graphene.Mutation):
    """A mutation of one required ``input`` that answers ``payload``; subclasses write ``write``."""

    payload: ClassVar[type[Payload]]
    login: ClassVar[bool]

    class Meta:
        abstract = True

    def __init_subclass__(cls, **options: Any) -> None:
        # graphene reads class arguments as Meta options; declared here so type checkers accept them.
        super().__init_subclass__(**options)

    @classmethod
    def __init_subclass_with_meta__(
        cls,
        input: type[graphene.InputObjectType] | None = None,
        payload: type[Payload] | None = None,
        login: bool = True,
        **options: Any,
    ) -> None:
        if input is None or payload is None:
            raise TypeError(f"{cls.__name__} needs input= and payload= class arguments.")
        cls.payload, cls.login = payload, login
        options["arguments"] = {"input": input(required=True)}
        options["output"] = graphene.NonNull(payload)
        super().__init_subclass_with_meta__(**options)

    @staticmethod
    def write(info: graphene.ResolveInfo, input: Any) -> Outcome:
        """Validate ``input`` and call one service: ``errors.perform(...)`` or ``errors.not_found``."""
        raise NotImplementedError

    @classmethod
    def mutate(cls, root: Any, info: graphene.ResolveInfo, input: Any) -> Payload:
        if cls.login and not current_user(info).is_authenticated:
            raise NotAuthenticatedError
        row, errors = cls.write(info, input)
        return cls.payload(**{cls.payload.row_field: row, "errors": to_field_errors(errors)})
