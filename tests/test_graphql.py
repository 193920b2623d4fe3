"""Promises of the graphql option: one library per project, the right schema file, nothing left when off."""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

import baking

LIBRARIES = tuple(value for value in baking.CHOICE_OPTIONS["graphql"] if value != "none")
SCHEMAS_DIR = baking.TEMPLATE_DIR / "templates" / "graphql"
PAIRS = list(itertools.product(LIBRARIES, baking.CHOICE_OPTIONS["example_app"]))
MENTIONS = re.compile(r"graphql|graphene|strawberry", re.IGNORECASE)


@pytest.mark.parametrize(("graphql", "example_app"), PAIRS, ids=lambda value: str(value))
def test_every_library_and_example_app_has_a_committed_schema(graphql: str, example_app: str) -> None:
    schema = SCHEMAS_DIR / f"{graphql}-{example_app}.graphql"
    assert schema.is_file(), f"missing {schema.name}: run `uv run python templates/graphql/refresh.py`"
    assert "type Query" in schema.read_text()


@pytest.mark.parametrize(("graphql", "example_app"), PAIRS, ids=lambda value: str(value))
def test_the_project_schema_file_is_the_committed_schema_of_its_answers(
    bake_cache: Callable[..., Path], graphql: str, example_app: str
) -> None:
    project = bake_cache(graphql=graphql, example_app=example_app)
    expected = (SCHEMAS_DIR / f"{graphql}-{example_app}.graphql").read_text()
    assert (project / "schema.graphql").read_text() == expected


@pytest.mark.parametrize("graphql", LIBRARIES)
def test_a_project_depends_on_one_graphql_library_only(bake_cache: Callable[..., Path], graphql: str) -> None:
    project = bake_cache(graphql=graphql)
    dependencies = tomllib.loads((project / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {re.split(r"[=<>\[]", dependency)[0] for dependency in dependencies}
    other = next(library for library in LIBRARIES if library != graphql)
    assert any(name.startswith(graphql) for name in names)
    assert not any(name.startswith(other) for name in names)


@pytest.mark.parametrize("example_app", baking.CHOICE_OPTIONS["example_app"])
def test_graphql_none_leaves_nothing_behind(bake_cache: Callable[..., Path], example_app: str) -> None:
    project = bake_cache(graphql="none", example_app=example_app)
    mentions = [
        str(path.relative_to(project))
        for path, text in baking.text_files(project)
        if MENTIONS.search(str(path.relative_to(project))) or MENTIONS.search(text)
    ]
    assert not mentions, f"graphql=none left GraphQL behind in: {mentions}"
