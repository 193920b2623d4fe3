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


def password_field() -> serializers.CharField:
    """A password exactly as typed. DRF trims text fields by default; Django's own password forms
    (the admin's and the browsable API's sign-in) do not, and a password that begins or ends with a
    space must work through every one of them alike."""
    return serializers.CharField(
        write_only=True, trim_whitespace=False, style={"input_type": "password"}
    )


class UserRegisterInputSerializer(serializers.Serializer[User]):
    email = serializers.EmailField()
    password = password_field()
    name = serializers.CharField(max_length=150, required=False, default="")


class UserUpdateInputSerializer(serializers.Serializer[User]):
    name = serializers.CharField(max_length=150)
