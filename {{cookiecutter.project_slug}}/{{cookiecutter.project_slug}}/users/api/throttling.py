"""Brute-force limits on sign-in: per client IP and per account, on top of the anon/user rates.

The per-IP limit stops one machine guessing many accounts; the per-account limit stops many
machines guessing one account. Both count every attempt, right or wrong, so a rate cannot be
probed to learn which guesses were close. The client IP is core/client_ip.py's: a forged
X-Forwarded-For header does not make a new client.
"""

import hashlib
from typing import cast

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from {{ cookiecutter.project_slug }}.core.throttling import ClientIPMixin


class SignInIPThrottle(ClientIPMixin, SimpleRateThrottle):
    scope = "sign_in_ip"

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SignInAccountThrottle(ClientIPMixin, SimpleRateThrottle):
    scope = "sign_in_account"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        data = request.data
        email = data.get("email") if isinstance(data, dict) else None
        if not isinstance(email, str) or not email.strip():
            return None  # No account named: the per-IP limit still applies.
        # Hashed: cache keys stay short and hold no email address.
        ident = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


# api_settings imports the classes its settings name; the stubs type them as the dotted strings.
SIGN_IN_THROTTLES: list[type[BaseThrottle]] = [
    *cast(list[type[BaseThrottle]], api_settings.DEFAULT_THROTTLE_CLASSES),
    SignInIPThrottle,
    SignInAccountThrottle,
]
