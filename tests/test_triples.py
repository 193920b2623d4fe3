"""The triple layer: every row of the strength-3 covering array over the options that change Python code or
dependencies (tests/triples.py) bakes, installs with uv, passes ``manage.py check`` and
``makemigrations --check``, and imports every one of its modules. No service: the test settings run on SQLite
and local memory.

Environments: one per distinct dependency set (the rendered pyproject.toml and the Python series), created by
the first row that needs it and reused by the others through UV_PROJECT_ENVIRONMENT, with the first row's
uv.lock, so that a later ``uv sync --locked`` only checks it. The generated project is not installed into its
environment (``[tool.uv] package = false``), which is what makes one environment fit every such project.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from pathlib import Path

import pytest

import baking
import triples

pytestmark = pytest.mark.triples

PROBE = Path(__file__).resolve().parent / "triple_probe.py"


@pytest.fixture(scope="session")
def triple_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder shared by the xdist workers of one run (the environments are reused across workers)."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "triples"
    (root / "environments").mkdir(parents=True, exist_ok=True)
    return root


def _sync(uv: str, project: Path, environment: Path, interpreter: Path) -> tuple[baking.Outcome, str]:
    """``uv sync`` the project into the shared environment of its dependency set; (outcome, how)."""
    lock = environment.with_suffix(".uv.lock")
    env = baking.clean_environment(
        UV_CACHE_DIR=str(baking.uv_cache_dir()),
        UV_PYTHON_DOWNLOADS="never",
        UV_PROJECT_ENVIRONMENT=str(environment),
    )
    with environment.with_suffix(".flock").open("w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if lock.exists():
            shutil.copyfile(lock, project / "uv.lock")
            return baking.run([uv, "sync", "--locked", "--python", str(interpreter)], cwd=project, env=env), "reused"
        synced = baking.run([uv, "sync", "--python", str(interpreter)], cwd=project, env=env)
        if synced.ok:
            shutil.copyfile(project / "uv.lock", lock)
        return synced, "created"


def _interpreter(row: baking.Combination) -> Path:
    python_version = {**baking.DEFAULT_CHOICES, **row}["python_version"]
    interpreter = baking.find_interpreter(python_version)
    if interpreter is None:
        baking.fail_or_skip(f"no Python {python_version} interpreter found")
    return interpreter


def _module_names(project: Path) -> set[str]:
    """Every module of a bake, from its files: top-level .py files, and .py files in packages (folders with an
    __init__.py all the way up to the root). A file whose name is no identifier (gunicorn.conf.py, a config
    file gunicorn executes) is no importable module."""
    names = set()
    for path in project.rglob("*.py"):
        parts = path.relative_to(project).with_suffix("").parts
        if not all(part.isidentifier() for part in parts):
            continue
        folders = [project.joinpath(*parts[:depth]) for depth in range(1, len(parts))]
        if all((folder / "__init__.py").is_file() for folder in folders):
            names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _probe(environment: Path, project: Path) -> tuple[baking.Outcome, dict]:
    probe = baking.run(
        [str(environment / "bin" / "python"), str(PROBE)], cwd=project, env=baking.clean_environment(), timeout=600
    )
    lines = probe.stdout.strip().splitlines()
    assert lines, probe.report
    return probe, json.loads(lines[-1])


def test_every_triple_row_checks_migrates_and_imports_every_module(
    triple_row: baking.Combination, triple_root: Path, uv: str
) -> None:
    answers = {**baking.DEFAULT_CHOICES, **triple_row}
    interpreter = _interpreter(triple_row)
    started = time.perf_counter()
    project = baking.bake(triple_root / baking.short_name(triple_row), **triple_row)
    baked = time.perf_counter()

    key = triples.environment_key((project / "pyproject.toml").read_text(), answers["python_version"])
    assert key == triples.row_environment_key(triple_row), (
        "the baked pyproject.toml differs from the one tests/triples.py renders: the header's count of "
        "environments would be wrong"
    )
    environment = triple_root / "environments" / key
    synced, how = _sync(uv, project, environment, interpreter)
    assert synced.ok, synced.report
    ready = time.perf_counter()

    probe, result = _probe(environment, project)
    finished = time.perf_counter()
    assert not result["failures"], "\n\n".join(result["failures"])
    assert probe.ok, probe.report
    unimported = sorted(_module_names(project) - set(result["imported"]))
    assert not unimported, f"modules of the bake the probe did not import: {unimported}"
    print(
        f"bake {baked - started:.1f}s, environment {how} {ready - baked:.1f}s, "
        f"probe {finished - ready:.1f}s ({len(result['imported'])} modules; CPU seconds "
        + ", ".join(f"{step} {seconds:.1f}" for step, seconds in result["cpu_seconds"].items())
        + ")"
    )


def test_the_probe_reports_an_undeclared_import_and_a_missing_migration(
    triple_root: Path, uv: str, tmp_path: Path
) -> None:
    """The probe can fail: a module importing a package the project does not declare, and a model with no
    migration, planted in a bake of the first row (whose environment the row's own test shares)."""
    row = triples.rows()[0]
    project = baking.bake(tmp_path, **row)
    environment = triple_root / "environments" / triples.row_environment_key(row)
    synced, _ = _sync(uv, project, environment, _interpreter(row))
    assert synced.ok, synced.report
    package = project / project.name
    (package / "core" / "planted.py").write_text("import a_package_no_project_declares\n")
    models = package / "users" / "models.py"
    models.write_text(models.read_text() + "\n\nclass Planted(models.Model):\n    name = models.TextField()\n")

    probe, result = _probe(environment, project)

    assert not probe.ok, probe.report
    failures = "\n".join(result["failures"])
    assert f"import {project.name}.core.planted" in failures, failures
    assert "a_package_no_project_declares" in failures
    assert "makemigrations" in failures, failures
