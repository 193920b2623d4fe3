"""Email-and-password checking shared by the token and session sign-in views."""

from django.contrib.auth import authenticate
from rest_framework import exceptions, serializers
from rest_framework.request import Request

from ..models import User
from .serializers import password_field


class SignInInputSerializer(serializers.Serializer[User]):
    email = serializers.EmailField()
    password = password_field()


def authenticate_or_fail(request: Request) -> User:
    """The active user with the posted credentials, or an error that does not say which part was wrong."""
    serializer = SignInInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = authenticate(
        request,
        email=serializer.validated_data["email"].lower(),
        password=serializer.validated_data["password"],
    )
    if not isinstance(user, User):  # None: no active user with these credentials
        raise exceptions.AuthenticationFailed("Invalid email or password.")
    return user
