"""Shapes of account data in and out of the API."""

from rest_framework import serializers

from {{ cookiecutter.project_slug }}.core.serializers import FieldsOnceModelSerializer

from ..models import User


class UserOutputSerializer(FieldsOnceModelSerializer[User]):
    class Meta:
        model = User
        fields = ("id", "email", "name", "is_active", "is_staff", "date_joined")
        read_only_fields = fields


class UserStatisticsOutputSerializer(serializers.Serializer[dict[str, int]]):
    total = serializers.IntegerField()
    active = serializers.IntegerField()
    staff = serializers.IntegerField()
    joined_last_7_days = serializers.IntegerField()


class UserRegisterInputSerializer(serializers.Serializer[User]):
    email = serializers.EmailField()
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    name = serializers.CharField(max_length=150, required=False, default="")


class UserUpdateInputSerializer(serializers.Serializer[User]):
    name = serializers.CharField(max_length=150)
