"""Expensive and malformed GraphQL documents, sent without signing in: refused before they run, quickly.

The cost is counted after fragment expansion, each fragment once (core/graphql/cost.py), so a
document under 1 KB that would resolve millions of fields is refused in milliseconds. Timings are
generous bounds for a loaded machine.
"""

import time
from typing import Any

import pytest
from django.test import override_settings
from graphql import parse

from config.schema_{{ cookiecutter.graphql }} import schema

from {{ cookiecutter.project_slug }}.core.graphql.cost import MAX_NESTING, DocumentRefusedError, analyse

from .graphql_client import error_codes, messages, post

pytestmark = pytest.mark.django_db


def fan_out(levels: int) -> str:
    """Each fragment spreads the next twice: 2**levels fields once expanded, in under 1 KB."""
    fragments = [
        f"fragment F{level} on Query " + "{ " + f"...F{level + 1} ...F{level + 1}" + " }"
        for level in range(levels)
    ]
    fragments.append(f"fragment F{levels} on Query " + "{ __typename }")
    return "query { ...F0 } " + " ".join(fragments)


def refused(client: Any, query: str, variables: dict[str, Any] | None = None) -> tuple[dict, float]:
    started = time.perf_counter()
    response = post(client, query, variables)
    seconds = time.perf_counter() - started
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body.get("data") is None
    return body, seconds


@pytest.mark.parametrize("levels", [20, 24])
def test_an_exponential_fragment_fan_out_is_refused_in_well_under_a_second(api_client, levels):
    query = fan_out(levels)
    assert len(query) < 1500

    body, seconds = refused(api_client, query)

    assert error_codes(body) == ["too_costly"]
    assert str(2**levels) in messages(body)
    assert seconds < 1


def test_a_small_fan_out_within_the_budget_runs(api_client):
    response = post(api_client, fan_out(4))

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


@pytest.mark.parametrize(
    "query",
    [
        "query { ...A } fragment A on Query { __typename ...A }",
        "query { ...A } fragment A on Query { ...B } fragment B on Query { __typename ...A }",
        "query { __typename } fragment A on Query { ...B } fragment B on Query { ...C }"
        " fragment C on Query { ...A }",
    ],
    ids=["self", "mutual", "unused-three-way"],
)
def test_fragments_that_spread_each_other_in_a_cycle_are_refused_with_400(api_client, query):
    body, seconds = refused(api_client, query)

    assert error_codes(body) == ["fragment_cycle"]
    assert seconds < 1


def test_a_fragment_cycle_inside_a_field_is_refused(api_client):
    query = "query { me { ...U } } fragment U on User { id ...U }"

    body, _ = refused(api_client, query)

    assert error_codes(body) == ["fragment_cycle"]


def test_a_document_nested_past_what_the_parser_allows_is_refused_with_400(api_client):
    query = "{ me " + "{ id " * 400 + "}" * 400 + " }"

    body, seconds = refused(api_client, query)

    assert body["errors"]
    assert seconds < 1


def test_a_chain_of_fragments_each_nested_deep_is_refused_as_too_deep(api_client):
    # Ten fragments, each 60 levels deep and spreading the next: 600 levels once expanded.
    fragments = [
        f"fragment F{index} on Query " + "{ " + "a { " * 60 + f"...F{index + 1}" + " }" * 61
        for index in range(10)
    ]
    fragments.append("fragment F10 on Query { __typename }")

    body, seconds = refused(api_client, "query { ...F0 } " + " ".join(fragments))

    assert error_codes(body) == ["too_deep"]
    assert seconds < 1


def test_depth_is_counted_through_fragments(api_client, settings):
    settings.GRAPHQL_MAX_DEPTH = 2
    query = "query { me { ...A } } fragment A on User { id } "

    within = post(api_client, query)
    settings.GRAPHQL_MAX_DEPTH = 0
    body, _ = refused(api_client, query)

    assert within.status_code == 200
    assert error_codes(body) == ["too_deep"]


@pytest.mark.parametrize(
    ("document", "cost"),
    [
        ("{ me { id email } }", 3),
        ("{ users(limit: 100) { results { id email } } }", 202),
        ("{ users { totalCount results { id } } }", 23),
        (fan_out(15), 2**15),
    ],
    ids=["me", "full-page", "default-page", "fan-out"],
)
def test_the_documented_costs(document, cost):
{%- if cookiecutter.graphql == "strawberry" %}
    graphql_schema = schema._schema
{%- else %}
    graphql_schema = schema.graphql_schema
{%- endif %}

    assert analyse(graphql_schema, parse(document)).cost == cost


def graphql_schema_of_the_project():
{%- if cookiecutter.graphql == "strawberry" %}
    return schema._schema
{%- else %}
    return schema.graphql_schema
{%- endif %}


@pytest.mark.parametrize(
    ("document", "variables", "cost"),
    [
        ("{ ... on Query { me { id } } ... { __typename } }", None, 3),
        ('{ __type(name: "Query") { name } }', None, 2),
        ("{ ...Missing }", None, 0),
        ("fragment F on NoSuchType { id } { ...F }", None, 0),
        ('{ users(limit: "many") { results { id } } }', None, 102),
        ("query ($size: Int) { users(limit: $size) { results { id } } }", {"size": "many"}, 102),
        ("query ($size: Int) { users(limit: $size) { results { id } } }", {"size": 3}, 5),
    ],
    ids=[
        "inline-fragments",
        "type-introspection",
        "unknown-fragment",
        "unknown-type",
        "literal",
        "bad-var",
        "var",
    ],
)
def test_the_cost_of_documents_validation_would_refuse_or_that_use_rare_syntax(
    document, variables, cost
):
    """Validation names unknown fragments and bad arguments later: counting them must not fail first."""
    assert analyse(graphql_schema_of_the_project(), parse(document), variables).cost == cost


def test_fragments_in_a_cycle_are_refused_by_the_cost_count_itself():
    document = parse(
        "{ ...A } fragment A on Query { ...B } fragment B on Query { __typename ...A }"
    )

    with pytest.raises(DocumentRefusedError) as refusal:
        analyse(graphql_schema_of_the_project(), document)

    assert refusal.value.extensions == {"code": "fragment_cycle"}


def chained_fragments(levels: int) -> str:
    """F0 spreads F1, which spreads F2, ... down to F<levels>, which asks for __typename."""
    spreads = [
        "fragment F" + str(level) + " on Query { ...F" + str(level + 1) + " }"
        for level in range(levels)
    ]
    return (
        "{ ...F0 } " + " ".join(spreads) + " fragment F" + str(levels) + " on Query { __typename }"
    )


@pytest.mark.parametrize(
    "document",
    [
        "{ " + "... on Query { " * (MAX_NESTING + 1) + "__typename" + " }" * (MAX_NESTING + 2),
        chained_fragments(MAX_NESTING + 1),
    ],
    ids=["nested-selections", "chained-fragments"],
)
def test_documents_nested_past_the_bound_are_refused_as_too_deep(document):
    with pytest.raises(DocumentRefusedError) as refusal:
        analyse(graphql_schema_of_the_project(), parse(document))

    assert refusal.value.extensions == {"code": "too_deep"}


def test_a_page_costs_its_limit_times_its_fields(staff_client, settings):
    query = "query ($n: Int) { users(limit: $n) { results { id email } } }"
    # users 1 + results 1 + 100 users x 2 fields; a limit over 100 is counted, and served, as 100.
    settings.GRAPHQL_MAX_COST = 202
    allowed = post(staff_client, query, {"n": 1000})
    settings.GRAPHQL_MAX_COST = 201
    body, _ = refused(staff_client, query, {"n": 1000})
    small = post(staff_client, query, {"n": 10})

    assert allowed.status_code == 200, allowed.content
    assert error_codes(body) == ["too_costly"]
    assert small.status_code == 200


def test_an_operation_past_its_time_budget_stops_resolving(api_client, settings):
    settings.GRAPHQL_TIMEOUT_SECONDS = 0

    response = post(api_client, "{ __typename }")

    assert response.status_code == 400
    assert error_codes(response.json()) == ["timeout"]


def test_field_suggestions_are_hidden_while_introspection_is_off(api_client):
    query = "{ mee { id } }"

    with override_settings(GRAPHQL_INTROSPECTION=False):
        hidden = post(api_client, query).json()
    with override_settings(GRAPHQL_INTROSPECTION=True):
        shown = post(api_client, query).json()

    assert "Cannot query field 'mee'" in messages(hidden)
    assert "Did you mean" not in messages(hidden)
    assert "Did you mean 'me'?" in messages(shown)
