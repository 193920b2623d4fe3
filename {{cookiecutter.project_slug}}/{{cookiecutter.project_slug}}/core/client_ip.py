"""The client address every per-IP limit counts: forwarding headers are trusted from our own proxies only.

Each proxy appends the address it received the request from to ``X-Forwarded-For``, so the header
reads ``client, proxy1, ...``. Anyone can send that header with any content; only the entries our
own proxies added can be believed. With ``NUM_PROXIES`` proxies in front of the app (the
``DJANGO_NUM_PROXIES`` setting, DRF's own name for it), the client is the ``NUM_PROXIES``-th entry
from the right. The default, 0, trusts no header and uses the socket's address, which is right
when gunicorn faces the clients and wrong only in that every client behind a proxy shares one
address: set the number of proxies each deployment has (one reverse proxy or ingress in front of the
app: 1; the deployment files this project ships set it).

A request that carries fewer entries than there are proxies did not come through all of them (it
reached the app some other way), and one that carries a malformed entry was not written by a proxy:
both are counted by the socket's address.
"""

import ipaddress

from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.settings import api_settings


def client_ip(request: HttpRequest | Request) -> str:
    """The caller's address as the outermost trusted proxy saw it; REMOTE_ADDR without proxies."""
    remote_addr: str = request.META.get("REMOTE_ADDR") or ""
    proxies = api_settings.NUM_PROXIES or 0
    if proxies <= 0:
        return remote_addr
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(entries) < proxies:
        return remote_addr
    candidate = entries[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
