"""Accounts in GraphQL (graphene): the signed-in user, the staff-only list, registration."""

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from {{ cookiecutter.project_slug }}.core.graphql.errors import Outcome, perform
from {{ cookiecutter.project_slug }}.core.graphql.mutations_graphene import InputMutation, payload_type
from {{ cookiecutter.project_slug }}.core.graphql.types_graphene import (
    current_user,
    login_required,
    page_field,
    page_type,
    staff_required,
)

from .. import selectors, services
from ..api.filters import UserFilter
from ..api.serializers import UserRegisterInputSerializer, UserUpdateInputSerializer
from ..models import User


class UserType(DjangoObjectType):
    email = graphene.String(
        description="Shown to the user themselves and to staff; null for anyone else."
    )

    class Meta:
        model = User
        name = "User"
        fields = ("id", "name", "is_staff", "date_joined")

    def resolve_email(self, info: graphene.ResolveInfo) -> str | None:
        viewer = current_user(info)
        if viewer.is_authenticated and (viewer.is_staff or viewer.pk == self.pk):
            return self.email
        return None


UserPage = page_type(UserType)


class UserFilterInput(graphene.InputObjectType):
    """Filters of the user list; the same as REST's query parameters."""

    is_active = graphene.Boolean()
    is_staff = graphene.Boolean()


class RegisterInput(graphene.InputObjectType):
    email = graphene.String(required=True)
    password = graphene.String(required=True)
    name = graphene.String()


class UpdateMeInput(graphene.InputObjectType):
    name = graphene.String(required=True)


UserPayload = payload_type("UserPayload", user=UserType)


class Register(InputMutation, input=RegisterInput, payload=UserPayload, login=False):
    @staticmethod
    def write(info: graphene.ResolveInfo, input: RegisterInput) -> Outcome:
        return perform(
            UserRegisterInputSerializer, dict(input), lambda data: services.user_register(**data)
        )


class UpdateMe(InputMutation, input=UpdateMeInput, payload=UserPayload):
    @staticmethod
    def write(info: graphene.ResolveInfo, input: UpdateMeInput) -> Outcome:
        user = current_user(info)
        return perform(
            UserUpdateInputSerializer,
            dict(input),
            lambda data: services.user_update(user=user, **data),
        )


class Query(graphene.ObjectType):
    me = graphene.Field(UserType, required=True, description="The signed-in user.")
    users = page_field(
        UserPage,
        UserFilterInput,
        UserFilter,
        lambda info: selectors.user_list(),
        guard=staff_required,
        description="Every account, for staff.",
    )

    @staticmethod
    @login_required
    def resolve_me(root: Any, info: graphene.ResolveInfo) -> User:
        return current_user(info)


class Mutation(graphene.ObjectType):
    register = Register.Field(
        description="Create an account; sign in through the REST auth endpoints."
    )
    update_me = UpdateMe.Field(description="Change your profile.")
