"""Send GraphQL documents to /graphql/ the way a client does: a JSON POST."""

from typing import Any

from django.test import Client
from rest_framework.test import APIClient

URL = "/graphql/"


def post(
    client: APIClient | Client, query: str, variables: dict[str, Any] | None = None, **extra: Any
):
    """The HTTP response; its JSON holds ``data`` and ``errors``."""
    return client.post(
        URL,
        {"query": query, "variables": variables or {}},
        content_type="application/json",
        **extra,
    )


def execute(
    client: APIClient | Client, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON body of a request the endpoint accepted (HTTP 200 or a GraphQL-level 400)."""
    response = post(client, query, variables)
    assert response.status_code in (200, 400), response.content
    return response.json()


def error_codes(body: dict[str, Any]) -> list[str]:
    return [error.get("extensions", {}).get("code", "") for error in body.get("errors", [])]


def messages(body: dict[str, Any]) -> str:
    return " | ".join(error["message"] for error in body.get("errors", []))
