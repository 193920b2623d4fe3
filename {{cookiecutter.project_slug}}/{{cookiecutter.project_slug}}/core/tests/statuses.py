"""Status codes whose value depends on the chosen authentication."""

from rest_framework import status

{% if cookiecutter.api_auth == "session" -%}
# Session authentication sends no WWW-Authenticate challenge, so DRF answers 403, not 401.
ANONYMOUS_STATUS = status.HTTP_403_FORBIDDEN
{% else -%}
ANONYMOUS_STATUS = status.HTTP_401_UNAUTHORIZED
{% endif -%}
