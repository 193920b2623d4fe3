"""validated_input: a view's request body, validated by its input serializer or refused with 400."""

import pytest
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from {{ cookiecutter.project_slug }}.core.inputs import validated_input


class RenameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=5)
    note = serializers.CharField()


def _post(body: dict) -> Request:
    return Request(APIRequestFactory().post("/", body, format="json"), parsers=[JSONParser()])


def test_a_valid_body_comes_back_as_the_serializers_validated_data():
    assert validated_input(RenameSerializer, _post({"name": "Ada", "note": "hi"})) == {
        "name": "Ada",
        "note": "hi",
    }


def test_an_invalid_body_is_refused_with_the_fields_errors():
    with pytest.raises(ValidationError) as refused:
        validated_input(RenameSerializer, _post({"name": "Grace Hopper"}))

    assert set(refused.value.detail) == {"name", "note"}


def test_partial_lets_fields_be_left_out():
    body = _post({"name": "Ada"})

    assert validated_input(RenameSerializer, body, partial=True) == {"name": "Ada"}


def test_the_serializer_is_given_the_request():
    seen = []

    class Spy(RenameSerializer):
        def validate(self, attrs: dict) -> dict:
            seen.append(self.context["request"])
            return attrs

    request = _post({"name": "Ada", "note": "hi"})
    validated_input(Spy, request)

    assert seen == [request]
