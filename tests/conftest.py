"""Shared fixtures: the combinations to test, baked projects, and the services the integration layer needs."""

from __future__ import annotations

import itertools
import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import baking

# The triple layer's parametrization and header line, --shard, and the browser test's --update-screenshots:
# each in a module of its own.
pytest_plugins = ["triple_layer", "sharding", "browser_layer"]


def pytest_report_header(config: pytest.Config) -> list[str]:
    rendering = baking.combinations()
    runtime = baking.combinations(options=baking.RUNTIME_OPTIONS)
    return [f"prodev combinations (all pairs): {len(rendering)} rendered, {len(runtime)} integration"]


def _params(combinations: list[baking.Combination]) -> list[object]:
    """One pytest param per combination, grouped so xdist bakes (and syncs) each combination once."""
    params = []
    for combination in combinations:
        name = baking.combination_id(combination)
        params.append(pytest.param(combination, id=name, marks=pytest.mark.xdist_group(name)))
    return params


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "combination" in metafunc.fixturenames:
        metafunc.parametrize("combination", _params(baking.combinations()))
    if "runtime_combination" in metafunc.fixturenames:
        combinations = baking.combinations(options=baking.RUNTIME_OPTIONS)
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
def run_id() -> str:
    """Shared by the xdist workers of one run and different in every other run, so two runs of the suite on
    one machine (two checkouts, CI beside a developer) never share a database."""
    return os.environ.get("PYTEST_XDIST_TESTRUNUID", secrets.token_hex(8))[:8]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A redis-server of this worker's own on a free port, its URL without a database number.

    The generated suites empty their cache database between tests: on the machine's shared Redis that
    would wipe what another run (or another program) keeps there.
    """
    executable = shutil.which("redis-server")
    if executable is None:
        baking.fail_or_skip("redis-server is not installed (Debian: apt-get install redis-server)")
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    command = [executable, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
    server = subprocess.Popen([*command, "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                baking.fail_or_skip(f"redis-server did not start on 127.0.0.1:{port}")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def uv() -> str:
    executable = baking.uv_executable()
    if executable is None:
        baking.fail_or_skip("uv is not installed: run the suite with `make test`, which bootstraps it into .tools/")
    return executable
