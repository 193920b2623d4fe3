"""Token sign-in: exchange email and password for a database token; revoke it to sign out."""

from typing import cast

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, permissions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import User
from .sign_in import SignInInputSerializer, authenticate_or_fail
from .throttling import SIGN_IN_THROTTLES


class TokenObtainView(generics.GenericAPIView):
    permission_classes = (permissions.AllowAny,)
    throttle_classes = SIGN_IN_THROTTLES
    serializer_class = SignInInputSerializer

    @extend_schema(
        responses={200: inline_serializer("TokenOutput", {"token": serializers.CharField()})}
    )
    def post(self, request: Request) -> Response:
        user = authenticate_or_fail(request)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class TokenRevokeView(generics.GenericAPIView):
    """Delete the caller's token: every client holding it is signed out."""

    serializer_class = None

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        Token.objects.filter(user=cast(User, request.user)).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("token/", TokenObtainView.as_view(), name="token-obtain"),
    path("token/revoke/", TokenRevokeView.as_view(), name="token-revoke"),
]
