"""Session sign-in: a cookie-backed login and logout; unsafe requests then need the CSRF token."""

from django.contrib.auth import login, logout
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response

from .serializers import UserOutputSerializer
from .sign_in import SignInInputSerializer, authenticate_or_fail
from .throttling import SIGN_IN_THROTTLES


class SessionLoginView(generics.GenericAPIView):
    permission_classes = (permissions.AllowAny,)
    throttle_classes = SIGN_IN_THROTTLES
    serializer_class = SignInInputSerializer

    @extend_schema(responses={200: UserOutputSerializer})
    def post(self, request: Request) -> Response:
        user = authenticate_or_fail(request)
        login(request, user)
        return Response(UserOutputSerializer(user).data)


class SessionLogoutView(generics.GenericAPIView):
    serializer_class = None

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("login/", SessionLoginView.as_view(), name="login"),
    path("logout/", SessionLogoutView.as_view(), name="logout"),
]
