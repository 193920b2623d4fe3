"""Accounts in GraphQL (strawberry): the signed-in user, the staff-only list, registration."""

import strawberry
import strawberry_django
from strawberry import auto

from {{ cookiecutter.project_slug }}.core.graphql.errors import perform
from {{ cookiecutter.project_slug }}.core.graphql.mutations_strawberry import Payload
from {{ cookiecutter.project_slug }}.core.graphql.types_strawberry import (
    IsAuthenticated,
    IsStaff,
    current_user,
    page_field,
)

from .. import selectors, services
from ..api.filters import UserFilter
from ..api.serializers import UserRegisterInputSerializer, UserUpdateInputSerializer
from ..models import User


@strawberry_django.type(User, name="User")
class UserType:
    id: auto
    name: auto
    is_staff: auto
    date_joined: auto

    @strawberry.field(
        description="Shown to the user themselves and to staff; null for anyone else."
    )
    def email(self, root: User, info: strawberry.Info) -> str | None:
        viewer = current_user(info)
        if viewer.is_authenticated and (viewer.is_staff or viewer.pk == root.pk):
            return root.email
        return None


@strawberry.input(description="Filters of the user list; the same as REST's query parameters.")
class UserFilterInput:
    is_active: bool | None = None
    is_staff: bool | None = None


@strawberry.input
class RegisterInput:
    email: str
    password: str
    name: str | None = None


@strawberry.input
class UpdateMeInput:
    name: str


@strawberry.type
class UserPayload(Payload):
    user: UserType | None = None


@strawberry.type
class Query:
    @strawberry.field(permission_classes=[IsAuthenticated], description="The signed-in user.")
    def me(self, info: strawberry.Info) -> UserType:
        return current_user(info)

    users = page_field(
        UserType,
        UserFilterInput,
        UserFilter,
        lambda info: selectors.user_list(),
        permission_classes=[IsStaff],
        description="Every account, for staff.",
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create an account; sign in through the REST auth endpoints.")
    def register(self, input: RegisterInput) -> UserPayload:
        return UserPayload.answer(
            perform(
                UserRegisterInputSerializer,
                vars(input),
                lambda data: services.user_register(**data),
            )
        )

    @strawberry.mutation(permission_classes=[IsAuthenticated], description="Change your profile.")
    def update_me(self, info: strawberry.Info, input: UpdateMeInput) -> UserPayload:
        user = current_user(info)
        return UserPayload.answer(
            perform(
                UserUpdateInputSerializer,
                vars(input),
                lambda data: services.user_update(user=user, **data),
            )
        )
