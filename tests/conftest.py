"""Shared fixtures: the combinations to test, baked projects, and the services the integration layer needs."""

from __future__ import annotations

import itertools
import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

import baking

# The triple layer's parametrization and header line, and --shard: each in a module of its own.
pytest_plugins = ["triple_layer", "sharding"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--exhaustive",
        action="store_true",
        default=os.environ.get("PRODEV_EXHAUSTIVE") == "1",
        help="test every combination of choices instead of a covering array of all pairs (or PRODEV_EXHAUSTIVE=1)",
    )


def pytest_report_header(config: pytest.Config) -> list[str]:
    exhaustive = config.getoption("exhaustive")
    rendering = baking.combinations(exhaustive=exhaustive)
    runtime = baking.combinations(exhaustive=exhaustive, options=baking.RUNTIME_OPTIONS)
    mode = "every combination" if exhaustive else "all pairs"
    return [f"prodev combinations ({mode}): {len(rendering)} rendered, {len(runtime)} integration"]


def _params(combinations: list[baking.Combination]) -> list[object]:
    """One pytest param per combination, grouped so xdist bakes (and syncs) each combination once."""
    params = []
    for combination in combinations:
        name = baking.combination_id(combination)
        params.append(pytest.param(combination, id=name, marks=pytest.mark.xdist_group(name)))
    return params


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    exhaustive = metafunc.config.getoption("exhaustive")
    if "combination" in metafunc.fixturenames:
        metafunc.parametrize("combination", _params(baking.combinations(exhaustive=exhaustive)))
    if "runtime_combination" in metafunc.fixturenames:
        combinations = baking.combinations(exhaustive=exhaustive, options=baking.RUNTIME_OPTIONS)
        metafunc.parametrize("runtime_combination", _params(combinations))


@pytest.fixture(scope="session")
def bake_cache(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Bake once per set of answers per worker; tests must not modify what they get."""
    root = tmp_path_factory.mktemp("baked")
    baked: dict[str, Path] = {}
    attempts = itertools.count()

    def bake(**answers: str) -> Path:
        key = baking.combination_id(answers)
        if key not in baked:
            output = root / f"bake{next(attempts):03d}"
            output.mkdir()
            baked[key] = baking.bake(output, **answers)
        return baked[key]

    return bake


@pytest.fixture
def baked(bake_cache: Callable[..., Path], combination: baking.Combination) -> Path:
    """The project baked with this combination of choices (shared, read-only)."""
    return bake_cache(**combination)


@pytest.fixture
def default_bake(bake_cache: Callable[..., Path]) -> Path:
    """The project baked with every default answer (shared, read-only)."""
    return bake_cache()


@pytest.fixture(scope="session")
def postgresql() -> str:
    """PostgreSQL accepting TCP connections on 127.0.0.1:5432; its URL without a database name."""
    host, port = "127.0.0.1", 5432
    try:
        with socket.create_connection((host, port), timeout=3):
            pass
    except OSError as error:
        baking.fail_or_skip(f"PostgreSQL is not accepting connections at {host}:{port} ({error})")
    return f"postgres://postgres@{host}:{port}"


@pytest.fixture(scope="session")
def uv() -> str:
    executable = baking.uv_executable()
    if executable is None:
        baking.fail_or_skip("uv is not installed: run the suite with `make test`, which bootstraps it into .tools/")
    return executable
