"""Payload: a strawberry mutation's answer carries the row written, or the refusals and no row."""

from typing import Any

import strawberry
from rest_framework import serializers

from {{ cookiecutter.project_slug }}.core.graphql.errors import not_found, perform
from {{ cookiecutter.project_slug }}.core.graphql.mutations_strawberry import Payload
from {{ cookiecutter.project_slug }}.core.graphql.types_strawberry import FieldError


class NameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=5)


@strawberry.type
class Greeting:
    text: str


def _hello(valid: dict[str, Any]) -> Greeting:
    return Greeting(text=f"Hello {valid['name']}")


@strawberry.type
class GreetingPayload(Payload):
    greeting: Greeting | None = None


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class Mutation:
    @strawberry.mutation
    def greet(self, name: str) -> GreetingPayload:
        if name == "nobody":
            return GreetingPayload.answer(not_found("name"))
        return GreetingPayload.answer(perform(NameSerializer, {"name": name}, _hello))


SCHEMA = strawberry.Schema(query=Query, mutation=Mutation)


def _greet(name: str) -> Any:
    query = "mutation($name: String!) { greet(name: $name) { greeting { text } errors { field code } } }"
    return SCHEMA.execute_sync(query, variable_values={"name": name})


def test_the_payload_carries_the_row_written_and_no_errors():
    result = _greet("Ada")

    assert result.errors is None
    assert result.data == {"greet": {"greeting": {"text": "Hello Ada"}, "errors": []}}


def test_refused_input_comes_back_as_field_errors_without_a_row():
    result = _greet("Grace Hopper")

    assert result.data == {
        "greet": {"greeting": None, "errors": [{"field": "name", "code": "invalid"}]}
    }


def test_an_id_that_names_nothing_is_a_not_found_field_error():
    payload = GreetingPayload.answer(not_found("greeting"))

    assert payload.greeting is None
    assert payload.errors == [
        FieldError(field="id", code="not_found", messages=["No such greeting."])
    ]
