"""DRF's anonymous and per-user rates, counting anonymous callers by ``client_ip``.

DRF's own ``get_ident`` believes the whole ``X-Forwarded-For`` header when ``NUM_PROXIES`` is
unset; these classes, the sign-in throttles and the admin login guard all name the caller with
the one function in core/client_ip.py.
"""

from rest_framework import throttling
from rest_framework.request import Request

from .client_ip import client_ip


class ClientIPMixin:
    def get_ident(self, request: Request) -> str:
        return client_ip(request)


class AnonRateThrottle(ClientIPMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientIPMixin, throttling.UserRateThrottle):
    pass
