"""FieldsOnceModelSerializer: DRF's output, with the model read once per class."""

import pytest
from django.contrib.auth.models import Group
from rest_framework import serializers

from ..serializers import FieldsOnceModelSerializer

pytestmark = pytest.mark.django_db


class GroupOnce(FieldsOnceModelSerializer[Group]):
    class Meta:
        model = Group
        fields: tuple[str, ...] = ("id", "name")


class GroupEveryTime(serializers.ModelSerializer[Group]):
    class Meta:
        model = Group
        fields = ("id", "name")


class GroupOnceWithMore(GroupOnce):
    members = serializers.IntegerField(source="user_set.count")

    class Meta(GroupOnce.Meta):
        fields = ("id", "name", "members")


def test_the_output_is_drf_s_own():
    group = Group.objects.create(name="editors")

    assert (
        GroupOnce(group).data == GroupEveryTime(group).data == {"id": group.pk, "name": "editors"}
    )
    assert GroupOnce([group], many=True).data == GroupEveryTime([group], many=True).data


def test_the_model_is_read_by_the_first_serializer_only(monkeypatch):
    group = Group.objects.create(name="editors")
    GroupOnce(group).data  # noqa: B018 - builds the class's fields
    calls = []
    build_field = serializers.ModelSerializer.build_field

    def counting(self, *args, **kwargs):
        calls.append(args[0])
        return build_field(self, *args, **kwargs)

    monkeypatch.setattr(serializers.ModelSerializer, "build_field", counting)

    assert GroupOnce(group).data["name"] == "editors"
    assert calls == []
    GroupEveryTime(group).data  # noqa: B018 - the plain ModelSerializer reads the model again
    assert calls == ["id", "name"]


def test_each_serializer_gets_fields_of_its_own():
    first, second = GroupOnce(), GroupOnce()

    assert first.fields["name"] is not second.fields["name"]
    assert first.fields["name"].parent is first
    assert second.fields["name"].parent is second


def test_a_subclass_builds_its_own_fields():
    group = Group.objects.create(name="editors")

    assert set(GroupOnce(group).data) == {"id", "name"}
    assert GroupOnceWithMore(group).data == {"id": group.pk, "name": "editors", "members": 0}
    assert set(GroupOnce(group).data) == {"id", "name"}
