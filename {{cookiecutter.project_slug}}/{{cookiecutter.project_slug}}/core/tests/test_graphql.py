"""The GraphQL endpoint's guards: REST's authentication and throttles, limits, and production lockdown."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
{%- if cookiecutter.api_auth != "session" %}
from rest_framework.test import APIClient
{%- endif %}
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from {{ cookiecutter.project_slug }}.users.tests.factories import DEFAULT_PASSWORD

from .graphql_client import URL, error_codes, execute, messages, post
from .settings_process import PRODUCTION

pytestmark = pytest.mark.django_db

ME_FIELD = "me { id }"
ME = "{ " + ME_FIELD + " }"
INTROSPECTION = "{ __schema { queryType { name } } }"
MISSPELT = "{ mee { id } }"
{%- if cookiecutter.api_auth == "session" %}
CSRF_TOKEN = "k" * 32  # what the browser echoes from the csrftoken cookie
{%- endif %}


def test_anonymous_callers_are_refused_fields_that_need_a_user(api_client):
    body = execute(api_client, ME)

    assert body["data"] is None
    assert error_codes(body) == ["not_authenticated"]


def test_a_query_deeper_than_the_limit_is_refused_before_it_runs(user_client, settings):
    levels = settings.GRAPHQL_MAX_DEPTH + 2
    deep = "{ me " + "{ id " * levels + "}" * levels + " }"

    body = execute(user_client, deep)

    assert "data" not in body or body["data"] is None
    assert "depth" in messages(body).lower()


def test_a_flood_of_aliases_is_refused(user_client, settings):
    aliases = " ".join(f"a{n}: " + ME_FIELD for n in range(settings.GRAPHQL_MAX_ALIASES + 1))

    body = execute(user_client, "{ " + aliases + " }")

    assert "data" not in body or body["data"] is None
    assert "aliases" in messages(body).lower()


def test_a_few_aliases_are_fine(user_client, user):
    body = execute(user_client, "{ first: me { id } second: me { id } }")

    assert body["data"] == {"first": {"id": str(user.pk)}, "second": {"id": str(user.pk)}}


def test_an_oversized_query_is_refused_while_parsing(user_client, settings):
    huge = "{ " + "__typename " * (settings.GRAPHQL_MAX_TOKENS + 1) + "}"

    body = execute(user_client, huge)

    assert "data" not in body or body["data"] is None
    assert "token" in messages(body).lower()


def test_introspection_is_refused_unless_the_settings_allow_it(api_client):
    refused = execute(api_client, INTROSPECTION)
    with override_settings(GRAPHQL_INTROSPECTION=True):
        allowed = execute(api_client, INTROSPECTION)

    assert "introspection" in messages(refused).lower()
    assert allowed["data"] == {"__schema": {"queryType": {"name": "Query"}}}


def test_graphiql_is_served_only_when_the_settings_allow_it(api_client):
    hidden = api_client.get(URL, HTTP_ACCEPT="text/html")
    with override_settings(GRAPHQL_IDE=True):
        shown = api_client.get(URL, HTTP_ACCEPT="text/html")

    assert hidden.status_code in (400, 404)
    assert b"graphiql" not in hidden.content.lower()
    assert shown.status_code == 200
    assert b"graphiql" in shown.content.lower()


@PRODUCTION.question
def production_graphql_answers() -> dict[str, object]:
    """Introspection, GraphiQL and a misspelt field, asked of the production settings over HTTPS."""
    # An in-memory database: the database cache (cache=none) needs its table made first.
    call_command("createcachetable")
    client = Client(headers={"host": "api.example.com"})
    introspection = post(client, INTROSPECTION, secure=True)
    ide = client.get(URL, headers={"accept": "text/html"}, secure=True)
    suggestion = post(client, MISSPELT, secure=True)
    return {
        "introspection": introspection.json(),
        "ide": ide.status_code,
        "ide_body": ide.content.decode(),
        "suggestion": suggestion.json(),
    }


def test_production_settings_refuse_introspection_suggestions_and_graphiql(production):
    answer = production.of(production_graphql_answers)

    assert "introspection" in messages(answer["introspection"]).lower()
    assert answer["ide"] in (400, 404)
    assert "graphiql" not in answer["ide_body"].lower()
    assert "Cannot query field 'mee'" in messages(answer["suggestion"])
    assert "Did you mean" not in messages(answer["suggestion"])


def test_unexpected_errors_are_masked_unless_debug_is_on(staff_client, monkeypatch):
    from {{ cookiecutter.project_slug }}.users import selectors

    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(selectors, "user_list", broken)
    query = "{ users { totalCount } }"

    masked = execute(staff_client, query)
    with override_settings(DEBUG=True):
        shown = execute(staff_client, query)

    assert messages(masked) == "Unexpected error."
    assert "secret internals" in messages(shown)


def test_the_endpoint_shares_the_api_request_budget(api_client, user_client, monkeypatch):
    rates = {"anon": "2/minute", "user": "3/minute"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)

    anonymous = [post(api_client, ME).status_code for _ in range(3)]
    signed_in = [post(user_client, ME).status_code for _ in range(4)]

    assert anonymous == [200, 200, 429]
    assert signed_in == [200, 200, 200, 429]
    refused = post(user_client, ME)
    assert refused.json()["error"]["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
{%- if cookiecutter.api_auth == "jwt" %}


def test_a_jwt_bearer_token_from_the_rest_api_authenticates_graphql(user):
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"email": user.email, "password": DEFAULT_PASSWORD}
    ).json()["access"]

    body = execute(APIClient(HTTP_AUTHORIZATION=f"Bearer {token}"), ME)

    assert body["data"] == {"me": {"id": str(user.pk)}}


def test_a_bad_bearer_token_is_refused_with_401(api_client):
    response = post(api_client, ME, HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"
{%- elif cookiecutter.api_auth == "token" %}


def test_a_drf_token_from_the_rest_api_authenticates_graphql(user):
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"email": user.email, "password": DEFAULT_PASSWORD}
    ).json()["token"]

    body = execute(APIClient(HTTP_AUTHORIZATION=f"Token {token}"), ME)

    assert body["data"] == {"me": {"id": str(user.pk)}}


def test_a_bad_token_is_refused_with_401(api_client):
    response = post(api_client, ME, HTTP_AUTHORIZATION="Token not-a-token")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
{%- else %}


def test_a_session_authenticates_graphql_when_the_csrf_token_comes_with_it(user):
    client = Client(enforce_csrf_checks=True)
    assert client.login(email=user.email, password=DEFAULT_PASSWORD)
    client.cookies["csrftoken"] = CSRF_TOKEN

    body = post(client, ME, HTTP_X_CSRFTOKEN=CSRF_TOKEN).json()

    assert body["data"] == {"me": {"id": str(user.pk)}}


def test_a_session_without_its_csrf_token_is_refused_with_403(user):
    client = Client(enforce_csrf_checks=True)
    assert client.login(email=user.email, password=DEFAULT_PASSWORD)

    response = post(client, ME)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
{%- endif %}


def test_the_committed_schema_file_matches_the_code():
    call_command("export_graphql_schema", "--check")


def test_the_export_command_writes_the_schema_and_check_spots_a_stale_file(tmp_path: Path):
    target = tmp_path / "schema.graphql"

    call_command("export_graphql_schema", "--output", str(target))
    sdl = target.read_text()
    target.write_text(sdl.replace("type Query", "type Stale"))

    assert "type Query" in sdl
    assert "type Mutation" in sdl
    with pytest.raises(CommandError, match="out of date"):
        call_command("export_graphql_schema", "--check", "--output", str(target))
