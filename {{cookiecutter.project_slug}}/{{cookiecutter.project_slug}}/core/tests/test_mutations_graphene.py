"""InputMutation: one ``input`` argument, a payload of the row or the refusals, anonymous callers refused."""

from types import SimpleNamespace
from typing import Any

import graphene
import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework import serializers

from {{ cookiecutter.project_slug }}.core.graphql.errors import Outcome, not_found, perform
from {{ cookiecutter.project_slug }}.core.graphql.mutations_graphene import InputMutation, payload_type


class NameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=5)


class GreetingType(graphene.ObjectType):
    text = graphene.String(required=True)


class GreetInput(graphene.InputObjectType):
    name = graphene.String(required=True)


GreetingPayload = payload_type("GreetingPayload", greeting=GreetingType)


def _greet(info: graphene.ResolveInfo, input: GreetInput) -> Outcome:
    if input.name == "nobody":
        return not_found("name")
    return perform(NameSerializer, dict(input), lambda valid: {"text": f"Hello {valid['name']}"})


class Greet(InputMutation, input=GreetInput, payload=GreetingPayload, login=False):
    write = staticmethod(_greet)


class GreetMember(InputMutation, input=GreetInput, payload=GreetingPayload):
    write = staticmethod(_greet)


class Query(graphene.ObjectType):
    ok = graphene.Boolean()


class Mutation(graphene.ObjectType):
    greet = Greet.Field()
    greet_member = GreetMember.Field()


SCHEMA = graphene.Schema(query=Query, mutation=Mutation)


def _run(field: str, name: str, user: Any = None) -> Any:
    query = 'mutation { %s(input: {name: "%s"}) { greeting { text } errors { field code } } }'
    context = SimpleNamespace(user=user or AnonymousUser())
    return SCHEMA.execute(query % (field, name), context_value=context)


def test_the_payload_carries_the_row_written_and_no_errors():
    result = _run("greet", "Ada")

    assert result.errors is None
    assert result.data == {"greet": {"greeting": {"text": "Hello Ada"}, "errors": []}}


def test_refused_input_comes_back_as_field_errors_without_a_row():
    result = _run("greet", "Grace Hopper")

    assert result.data == {
        "greet": {"greeting": None, "errors": [{"field": "name", "code": "invalid"}]}
    }


def test_an_id_that_names_nothing_is_a_not_found_field_error():
    result = _run("greet", "nobody")

    assert result.data["greet"]["errors"] == [{"field": "id", "code": "not_found"}]


def test_the_input_is_required_and_the_payload_never_null():
    greet = SCHEMA.graphql_schema.mutation_type.fields["greet"]

    assert str(greet.args["input"].type) == "GreetInput!"
    assert str(greet.type) == "GreetingPayload!"


def test_anonymous_callers_are_refused_unless_the_mutation_says_login_false():
    result = _run("greetMember", "Ada")

    assert result.data is None
    assert [error.extensions["code"] for error in result.errors] == ["not_authenticated"]


def test_a_signed_in_caller_may_run_a_mutation_that_needs_one():
    member = SimpleNamespace(is_authenticated=True)

    result = _run("greetMember", "Ada", user=member)

    assert result.data == {"greetMember": {"greeting": {"text": "Hello Ada"}, "errors": []}}


def test_a_mutation_without_input_or_payload_is_refused_when_declared():
    with pytest.raises(TypeError, match="needs input= and payload="):

        class Incomplete(InputMutation, input=GreetInput):
            pass
