"""DRF token authentication with an expiry: a key older than ``TOKEN_TTL`` is refused and deleted.

Kept apart from the views in auth_token.py: DRF imports the authentication classes while it
defines APIView, so this module must not import DRF's views.
"""

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from ..models import User


def is_expired(token: Token) -> bool:
    return bool(token.created <= timezone.now() - settings.TOKEN_TTL)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's ``Authorization: Token <key>``, refusing a key older than ``TOKEN_TTL``."""

    def authenticate_credentials(self, key: str) -> tuple[User, Token]:
        user, token = super().authenticate_credentials(key)
        if is_expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed("The token has expired.", code="token_expired")
        return user, token
