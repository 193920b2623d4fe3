"""JWT sign-in: obtain an access/refresh pair, refresh it, verify a token, sign out.

Refreshing rotates: the answer holds a new refresh token and the one sent is blacklisted
(simplejwt's token_blacklist app), so a refresh token works once. Signing out blacklists the
refresh token sent; access tokens are short-lived (``DJANGO_JWT_ACCESS_SECONDS``) and simply expire.
``python manage.py flushexpiredtokens`` deletes the records of tokens past their expiry.
"""

from typing import Any

from django.urls import path
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework import serializers
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer
from rest_framework_simplejwt.views import (
    TokenBlacklistView,
    TokenObtainPairView,
    TokenRefreshView,
    TokenVerifyView,
)

from .jwt_authentication import JWTAuthentication
from .serializers import password_field
from .throttling import SIGN_IN_THROTTLES


class JWTAuthenticationScheme(SimpleJWTScheme):
    """The OpenAPI security scheme of the project's JWTAuthentication: simplejwt's own bearer scheme.

    drf-spectacular's scheme names simplejwt's class only, not its subclasses.
    """

    target_class = f"{JWTAuthentication.__module__}.{JWTAuthentication.__qualname__}"


class SignInSerializer(TokenObtainPairSerializer):
    """An email and a password, taken exactly as typed, in; an access and a refresh token out."""

    # simplejwt builds both tokens in validate(); declared here, they are in the OpenAPI schema.
    access = serializers.CharField(read_only=True)
    refresh = serializers.CharField(read_only=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # simplejwt's own password field trims spaces, which belong to a password.
        self.fields["password"] = password_field()


class SignInView(TokenObtainPairView):
    """simplejwt's pair view with the sign-in brute-force limits."""

    serializer_class = SignInSerializer
    throttle_classes = SIGN_IN_THROTTLES


urlpatterns = [
    path("token/", SignInView.as_view(), name="token-obtain"),
    path("token/refresh/", TokenRefreshView.as_view(), name="token-refresh"),
    path("token/verify/", TokenVerifyView.as_view(), name="token-verify"),
    path("token/blacklist/", TokenBlacklistView.as_view(), name="token-blacklist"),
]
