"""Promises of the example_app option: the chosen app is complete and the others leave no trace."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import baking

APPS = {"ecommerce": "shop", "cms": "cms"}
TRACE = re.compile(r"\b(shop|cms|seed_demo)\b", re.IGNORECASE)


def _package(project: Path) -> Path:
    return project / project.name


@pytest.mark.parametrize("example_app", baking.CHOICE_OPTIONS["example_app"])
def test_only_the_chosen_example_app_and_its_docs_are_written(
    bake_cache: Callable[..., Path], example_app: str
) -> None:
    project = bake_cache(example_app=example_app)
    package = _package(project)

    kept = {label for value, label in APPS.items() if value == example_app}
    assert {label for label in APPS.values() if (package / label).is_dir()} == kept
    assert (project / "docs/erd-users.md").is_file()
    assert {label for label in APPS.values() if (project / f"docs/erd-{label}.md").is_file()} == kept
    assert (package / "core/management/commands/seed_demo.py").exists() == bool(kept)


def test_without_an_example_app_no_file_mentions_one(bake_cache: Callable[..., Path]) -> None:
    project = bake_cache(example_app="none")

    traces = [
        f"{path.relative_to(project)}: {match.group(0)}"
        for path, text in baking.text_files(project)
        if path.suffix != ".txt"  # license texts
        and "/vendor/" not in path.as_posix()  # third-party browser files, kept byte for byte
        for match in TRACE.finditer(text)
    ]

    assert not traces
