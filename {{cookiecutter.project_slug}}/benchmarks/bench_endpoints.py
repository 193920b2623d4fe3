"""What api_bench.py measures: an endpoint and who calls it, and the users app's own endpoints and rows.

The example app, when there is one, adds its endpoints and rows in a module of its own beside this one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Endpoint:
    """One GET (or one query document POSTed to ``path``) and the caller it is measured as."""

    label: str
    # "public" (anonymous), "customer" (a signed-in user without rights) or "staff".
    caller: str
    path: str
    query: str = ""
    # Anonymous reads are served from the cache: loaded cold (every URL new) and warm (one URL).
    cached: bool = False
    # A cached detail keys on its row, not on the query string: cold reads go through these rows.
    cold_paths: tuple[str, ...] = ()
    # For a cache that does not key on the query string: drops the cached read, so the next misses.
    uncache: Callable[[], None] | None = None


def users_lists() -> list[Endpoint]:
    """Every list of the users app, as the staff member allowed to read it."""
    return [
        Endpoint("users", "staff", "/api/v1/users/"),
    ]


def users_loaded(people: dict[str, Any]) -> list[Endpoint]:
    """The users endpoints put under load: the signed-in user's own record, a user's detail."""
    return [
        Endpoint("me", "customer", "/api/v1/users/me/"),
        Endpoint("user detail", "staff", f"/api/v1/users/{people['customer'].pk}/"),
    ]


def users_grow(start: int, stop: int, people: dict[str, Any]) -> None:
    """Add the users numbered ``start`` to ``stop - 1`` (no password: they never sign in)."""
    from {{ cookiecutter.project_slug }}.users.models import User

    User.objects.bulk_create(
        User(email=f"bench-row-{n}@example.com", name=f"Bench row {n}") for n in range(start, stop)
    )
