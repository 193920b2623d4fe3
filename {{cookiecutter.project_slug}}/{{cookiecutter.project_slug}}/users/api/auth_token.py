"""Token sign-in: exchange email and password for a database token; rotate it; revoke it to sign out.

A token lives ``TOKEN_TTL`` (``DJANGO_TOKEN_TTL_SECONDS``, a week by default) from when it was made:
an older one is refused with 401 ``token_expired`` and deleted. A client swaps a live token for a
fresh one with ``POST token/rotate/`` (the old key stops working at once), so a client in use never
has to send the password again, and a leaked key is good for a bounded time.
"""

from typing import cast

from django.db import transaction
from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import User
from .expiring_token import is_expired
from .sign_in import SignInInputSerializer, authenticate_or_fail
from .throttling import SIGN_IN_THROTTLES

TOKEN_OUTPUT = inline_serializer("TokenOutput", {"token": serializers.CharField()})


def fresh_token(user: User) -> Token:
    """The user's only token, newly made: any previous key stops working."""
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)


class TokenObtainView(generics.GenericAPIView):
    permission_classes = (permissions.AllowAny,)
    throttle_classes = SIGN_IN_THROTTLES
    serializer_class = SignInInputSerializer

    @extend_schema(responses={200: TOKEN_OUTPUT})
    def post(self, request: Request) -> Response:
        user = authenticate_or_fail(request)
        token = Token.objects.filter(user=user).first()
        if token is None or is_expired(token):
            token = fresh_token(user)
        return Response({"token": token.key})


class TokenRotateView(generics.GenericAPIView):
    """Swap the caller's token for a new one, valid for a full ``TOKEN_TTL``."""

    serializer_class = None

    @extend_schema(request=None, responses={200: TOKEN_OUTPUT})
    def post(self, request: Request) -> Response:
        return Response({"token": fresh_token(cast(User, request.user)).key})


class TokenRevokeView(generics.GenericAPIView):
    """Delete the caller's token: every client holding it is signed out."""

    serializer_class = None

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        Token.objects.filter(user=cast(User, request.user)).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("token/", TokenObtainView.as_view(), name="token-obtain"),
    path("token/rotate/", TokenRotateView.as_view(), name="token-rotate"),
    path("token/revoke/", TokenRevokeView.as_view(), name="token-revoke"),
]
