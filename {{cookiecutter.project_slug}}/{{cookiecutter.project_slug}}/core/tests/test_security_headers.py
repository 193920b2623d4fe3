"""Security headers on every answer, and a Content-Security-Policy the HTML pages live within."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from rest_framework import status

from .settings_process import PRODUCTION

HTML_PAGES = ["/api/docs/", "/api/redoc/", f"/{settings.ADMIN_URL}login/"]


class AssetCollector(HTMLParser):
    """The scripts, styles and inline script bodies of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src"):
            self.sources.append(attributes["src"] or "")
        elif tag == "script" and attributes.get("type") != "application/json":
            # JSON data blocks are never executed, so a CSP without 'unsafe-inline' allows them.
            self._in_inline_script = True
        elif tag == "link" and attributes.get("rel") == "stylesheet":
            self.sources.append(attributes.get("href") or "")

    def handle_data(self, data: str) -> None:
        if self._in_inline_script and data.strip():
            self.inline_scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline_script = False


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("url", HTML_PAGES)
def test_html_pages_load_only_same_origin_assets_and_no_inline_script(client, url):
    response = client.get(url)
    page = AssetCollector()
    page.feed(response.content.decode())

    assert response.status_code == status.HTTP_200_OK
    assert page.sources, "the page loads no asset: the parser missed them"
    assert all(source.startswith("/") and not source.startswith("//") for source in page.sources)
    assert page.inline_scripts == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", HTML_PAGES)
def test_html_pages_carry_a_policy_that_allows_only_this_origin_for_scripts(client, url):
    policy = directives(client.get(url))

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_swagger_ui_start_script_is_served_from_this_origin(client):
    response = client.get("/api/docs/", {"script": ""})

    assert response.status_code == status.HTTP_200_OK
    assert "SwaggerUIBundle" in response.content.decode()


@pytest.mark.parametrize("url", ["/livez", "/api/schema/"])
def test_every_answer_forbids_sniffing_framing_and_leaking_the_referrer(client, url):
    response = client.get(url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("url", ["/livez", "/api/schema/", "/no-such-page/"])
def test_every_answer_refuses_the_camera_microphone_location_and_payment(client, url):
    policy = client.get(url)["Permissions-Policy"]

    for feature in ("camera", "microphone", "geolocation", "payment", "accelerometer", "gyroscope"):
        assert f"{feature}=()" in policy


@PRODUCTION.question
def production_headers_and_plain_http() -> tuple[dict[str, str], int, str | None]:
    """The headers of an HTTPS answer, and what a plain HTTP request gets, under production settings."""
    client = Client(headers={"host": "api.example.com"})
    secure = client.get("/livez", secure=True)
    plain = client.get("/api/schema/")
    return dict(secure.headers), plain.status_code, plain.headers.get("Location")


def test_production_sends_hsts_and_redirects_plain_http(production):
    headers, plain_status, location = production.of(production_headers_and_plain_http)

    hsts = headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert "preload" in hsts
    assert "Content-Security-Policy" in headers
    assert "camera=()" in headers["Permissions-Policy"]
    assert plain_status == status.HTTP_301_MOVED_PERMANENTLY
    assert location == "https://api.example.com/api/schema/"
