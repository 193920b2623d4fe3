"""What each middleware and the throttles cost on one authenticated ``GET /api/v1/users/me/``.

Runs in this process through Django's test client, under the settings in the environment
(production's, with its database and Redis, is what counts). The stack is timed whole, then
without one middleware at a time and without the throttles, in interleaved rounds so that a
busy machine slows every variant alike; a variant's cost is the median difference from the
whole stack. A user is created for the run and removed at the end.

    DJANGO_SETTINGS_MODULE=config.settings.production uv run python benchmarks/middleware_bench.py
"""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PATH = "/api/v1/users/me/"
# Middleware that refuses to load without another: removed with it.
NEEDS = {
    "AuthenticationMiddleware": "SessionMiddleware",
    "MessageMiddleware": "SessionMiddleware",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=f"Cost of each middleware on {PATH}.")
    parser.add_argument("--requests", type=int, default=200, help="requests per variant and round")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    return parser.parse_args()


def setup_django() -> None:
    import django

    sys.path.insert(0, str(PROJECT_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()


@contextmanager
def bench_user() -> Iterator[dict[str, str]]:
    """A throwaway user and the request headers that authenticate as it."""
    import secrets

    from {{ cookiecutter.project_slug }}.users.models import User

    user = User.objects.create_user(
        email=f"bench-{secrets.token_hex(6)}@example.com", password=secrets.token_hex(16)
    )
    try:
        yield credentials(user)
    finally:
        user.delete()


def credentials(user: Any) -> dict[str, str]:
    """The request headers, as WSGI environ keys (HTTP_...), that authenticate as ``user``."""
{%- if cookiecutter.api_auth == "jwt" %}
    from rest_framework_simplejwt.tokens import AccessToken

    return {"HTTP_AUTHORIZATION": f"Bearer {AccessToken.for_user(user)}"}
{%- elif cookiecutter.api_auth == "token" %}
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}
{%- else %}
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {"HTTP_COOKIE": f"sessionid={client.cookies['sessionid'].value}"}
{%- endif %}


def client_for(middleware: list[str]) -> Callable[[dict[str, str]], int]:
    """A client whose handler loaded this middleware list (Django builds the chain once)."""
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    with override_settings(MIDDLEWARE=middleware):
        client.get("/livez")

    # The headers are WSGI environ keys (HTTP_...), which Client.get takes as **extra.
    def get(headers: dict[str, Any]) -> int:
        return int(client.get(PATH, **headers).status_code)

    return get


@contextmanager
def throttles_off(off: bool) -> Iterator[None]:
    from {{ cookiecutter.project_slug }}.users.api.views import UserMeView

    saved = UserMeView.throttle_classes
    if off:
        UserMeView.throttle_classes = ()
    try:
        yield
    finally:
        UserMeView.throttle_classes = saved


def time_requests(get: Callable[[dict[str, str]], int], headers: dict[str, str], n: int) -> float:
    """CPU milliseconds this process spends per request, over ``n`` requests.

    CPU time rather than wall time: on a shared machine, waiting for a core is not the stack's cost.
    Time spent in PostgreSQL and Redis is not counted, their client libraries' work is.
    """
    started = time.process_time()
    for _ in range(n):
        status = get(headers)
        if status != 200:
            raise SystemExit(f"{PATH} answered {status}: raise DJANGO_THROTTLE_USER for the bench")
    return (time.process_time() - started) / n * 1000


def main() -> None:
    args = parse_args()
    setup_django()
    from django.conf import settings

    whole = list(settings.MIDDLEWARE)
    variants: dict[str, tuple[list[str], bool]] = {"whole stack": (whole, False)}
    for name in whole:
        short = name.rsplit(".", 1)[-1]
        dropped = {short} | {needing for needing, needed in NEEDS.items() if needed == short}
        kept = [m for m in whole if m.rsplit(".", 1)[-1] not in dropped]
        variants[f"without {' + '.join(sorted(dropped))}"] = (kept, False)
    variants["without throttles"] = (whole, True)
    clients = {label: client_for(middleware) for label, (middleware, _) in variants.items()}
    medians: dict[str, list[float]] = {label: [] for label in variants}
    with bench_user() as headers:
        for label, get in clients.items():  # warm every variant up
            with throttles_off(variants[label][1]):
                time_requests(get, headers, 20)
        for _ in range(args.rounds):
            for label, get in clients.items():
                with throttles_off(variants[label][1]):
                    medians[label].append(time_requests(get, headers, args.requests))
    whole_stack = medians["whole stack"]
    print(f"{PATH}: {statistics.median(whole_stack):.3f} CPU ms a request through the whole stack")
    print(f"{'variant':<60} {'CPU ms':>8} {'cost':>8}")
    for label, values in medians.items():
        # A variant's cost: the median of its per-round differences from the whole stack.
        cost = statistics.median(
            base - value for base, value in zip(whole_stack, values, strict=True)
        )
        print(f"{label:<60} {statistics.median(values):>8.3f} {cost:>8.3f}")


if __name__ == "__main__":
    main()
