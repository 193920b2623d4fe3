"""What a browser finds: "/" and the API root, the browsable API's log-in, the admin's titles."""

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils.crypto import get_random_string
from rest_framework import status

from {{ cookiecutter.project_slug }}.users.api.browser_login import BrowserSignInAccountThrottle

from ..api_root import DOCS, ENDPOINTS

pytestmark = pytest.mark.django_db

API_ROOT = "/api/v1/"


def test_the_site_root_redirects_to_the_api_root(client):
    response = client.get("/")

    assert response.status_code == status.HTTP_302_FOUND
    assert response["Location"] == API_ROOT
    assert admin.site.site_url == "/", "the admin's 'View site' link must lead to the redirect"


def test_the_api_root_lists_every_endpoint_and_the_docs_to_anyone(api_client):
    response = api_client.get(API_ROOT)

    assert response.status_code == status.HTTP_200_OK
    body = response.json()
    assert set(body) == {"endpoints", "docs"}
    assert body["docs"] == {
        "schema": "http://testserver/api/schema/",
        "swagger_ui": "http://testserver/api/docs/",
        "redoc": "http://testserver/api/redoc/",
    }
    expected = {
        "users",
        "users/me",
        "users/statistics",
{%- if cookiecutter.example_app == "ecommerce" %}
        "shop/categories",
        "shop/products",
        "shop/catalogue/summary",
        "shop/addresses",
        "shop/orders",
{%- elif cookiecutter.example_app == "cms" %}
        "cms/categories",
        "cms/tags",
        "cms/posts",
        "cms/posts/popular",
        "cms/pages",
        "cms/comments",
{%- endif %}
{%- if cookiecutter.graphql != "none" %}
        "graphql",
{%- endif %}
    }
    assert set(body["endpoints"]) == expected
    assert body["endpoints"]["users"] == "http://testserver/api/v1/users/"


{% if cookiecutter.graphql != "none" -%}
@pytest.mark.parametrize("label", sorted(set(ENDPOINTS) - {"graphql"}))
{% else -%}
@pytest.mark.parametrize("label", sorted(ENDPOINTS))
{% endif -%}
def test_every_listed_rest_endpoint_answers_staff(staff_client, label):
    assert staff_client.get(reverse(ENDPOINTS[label])).status_code == status.HTTP_200_OK


@pytest.mark.parametrize("label", sorted(DOCS))
def test_every_listed_document_loads(client, label):
    assert client.get(reverse(DOCS[label])).status_code == status.HTTP_200_OK


def test_a_browser_gets_the_browsable_api_root_with_a_log_in_link(client):
    response = client.get(API_ROOT, HTTP_ACCEPT="text/html")

    assert response.status_code == status.HTTP_200_OK
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "API root" in page
    assert f"href='/api/v1/auth/browser/login/?next={API_ROOT}'>Log in</a>" in page


def test_the_browsable_api_log_in_form_signs_a_staff_member_in_with_csrf(staff_user):
    browser = Client(enforce_csrf_checks=True)
    passphrase = get_random_string(24)
    staff_user.set_password(passphrase)
    staff_user.save()
    login_url = reverse("rest_framework:login")

    form = browser.get(login_url, {"next": "/api/v1/users/"})
    assert form.status_code == status.HTTP_200_OK
    token = form.cookies["csrftoken"].value
    signed_in = browser.post(
        f"{login_url}?next=/api/v1/users/",
        {
            "username": staff_user.email,
            "password": passphrase,
            "csrfmiddlewaretoken": token,
            "next": "/api/v1/users/",
        },
    )

    assert signed_in.status_code == status.HTTP_302_FOUND
    assert signed_in["Location"] == "/api/v1/users/"
    # The staff-only list now answers to the session the form opened.
    staff_page = browser.get("/api/v1/users/", HTTP_ACCEPT="text/html")
    assert staff_page.status_code == status.HTTP_200_OK
    assert "Log out" in staff_page.content.decode()


def test_a_log_in_form_posted_without_the_csrf_token_is_refused(staff_user):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        reverse("rest_framework:login"),
        {"username": staff_user.email, "password": get_random_string(24)},
    )

    assert response.status_code == status.HTTP_403_FORBIDDEN


def test_the_admin_is_titled_with_the_project_name(client, staff_user):
    client.force_login(staff_user)

    page = client.get(reverse("admin:index")).content.decode()

    assert admin.site.site_header == "{{ cookiecutter.project_name }} administration"
    assert "<title>Site administration | {{ cookiecutter.project_name }} admin</title>" in page
    assert "{{ cookiecutter.project_name }} administration</a>" in page
    assert "Django administration" not in page


def test_the_browsable_log_in_form_is_under_the_sign_in_limit(monkeypatch):
    # The same per-account limit as the API's sign-in: the form is no way around it.
    rates = {**BrowserSignInAccountThrottle.THROTTLE_RATES, "sign_in_account": "2/hour"}
    monkeypatch.setattr(BrowserSignInAccountThrottle, "THROTTLE_RATES", rates)
    browser = Client()
    attempt = {"username": "victim@example.com", "password": get_random_string(24)}

    answers = [browser.post(reverse("rest_framework:login"), attempt) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [
        status.HTTP_200_OK,
        status.HTTP_200_OK,
        status.HTTP_429_TOO_MANY_REQUESTS,
    ]
    assert answers[2].json()["error"]["code"] == "throttled"
    assert int(answers[2]["Retry-After"]) > 0


def test_the_browsable_log_out_ends_the_session(client, staff_user):
    client.force_login(staff_user)

    response = client.post(reverse("rest_framework:logout"))

    assert response.status_code == status.HTTP_200_OK
    # Anonymous again: 401 where a token scheme can be offered (jwt, token), else 403.
    assert client.get("/api/v1/users/").status_code in {
        status.HTTP_401_UNAUTHORIZED,
        status.HTTP_403_FORBIDDEN,
    }


def test_the_favicon_is_a_static_file_every_page_finds(client):
    # Browsers ask every site for /favicon.ico (the admin and the browsable API link none).
    redirect = client.get("/favicon.ico")
    icon = client.get(redirect["Location"])

    assert redirect.status_code == status.HTTP_302_FOUND
    assert icon.status_code == status.HTTP_200_OK
    assert b"".join(icon.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO header


def test_redoc_loads_nothing_from_a_cdn_that_its_page_does_not_keep_on_this_origin():
    bundle = finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")
    kept_local = finders.find("core/redoc.js")
    assert isinstance(bundle, str)
    assert isinstance(kept_local, str)

    cdn_addresses = set(re.findall(r"https://cdn\.[^\"']+", Path(bundle).read_text()))

    assert cdn_addresses, "the ReDoc bundle names no CDN address: the search is wrong"
    assert all(address in Path(kept_local).read_text() for address in cdn_addresses)


def test_the_browsable_api_logs_out_with_a_form_and_no_inline_handler(client, staff_user):
    # A script-src of 'self' refuses onclick="...": DRF's own "Log out" link did nothing.
    client.force_login(staff_user)

    page = client.get(API_ROOT, HTTP_ACCEPT="text/html").content.decode()

    assert f'<form method="post" action="{reverse("rest_framework:logout")}?next=' in page
    assert ">Log out</button>" in page
    assert "onclick" not in page.lower()
