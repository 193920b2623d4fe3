"""JWT sign-in: obtain an access/refresh pair, refresh the access token, verify a token."""

from django.urls import path
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView, TokenVerifyView

from .throttling import SIGN_IN_THROTTLES


class SignInView(TokenObtainPairView):
    """simplejwt's pair view with the sign-in brute-force limits."""

    throttle_classes = SIGN_IN_THROTTLES


urlpatterns = [
    path("token/", SignInView.as_view(), name="token-obtain"),
    path("token/refresh/", TokenRefreshView.as_view(), name="token-refresh"),
    path("token/verify/", TokenVerifyView.as_view(), name="token-verify"),
]
