"""JWT bearer tokens (djangorestframework-simplejwt): lifetimes and refresh-token rotation."""

from datetime import timedelta

from config.settings.base import env

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=env.int("DJANGO_JWT_ACCESS_SECONDS", default=300)),
    "REFRESH_TOKEN_LIFETIME": timedelta(
        seconds=env.int("DJANGO_JWT_REFRESH_SECONDS", default=86400)
    ),
    "AUTH_HEADER_TYPES": ("Bearer",),
    "UPDATE_LAST_LOGIN": True,
    # Each refresh answers a new refresh token and blacklists the one used: a stolen refresh token
    # works once at most, and its replay after the owner's next refresh is refused.
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
}
