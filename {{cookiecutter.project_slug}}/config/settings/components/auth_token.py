"""Opaque DRF tokens: how long one lives."""

from datetime import timedelta

from config.settings.base import env

# A token older than this is refused (and deleted); POST /api/v1/auth/token/rotate/ swaps a live
# one for a fresh one (users/api/expiring_token.py, users/api/auth_token.py).
TOKEN_TTL = timedelta(seconds=env.int("DJANGO_TOKEN_TTL_SECONDS", default=60 * 60 * 24 * 7))
