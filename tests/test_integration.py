"""Promises that need a real environment: each baked project installs with uv, passes its own test suite
against PostgreSQL, passes Django's deployment checks, misses no migration, serves a valid OpenAPI schema and
type-checks with mypy.

Combinations: a covering array over the choices that can change run-time behaviour.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import baking

pytestmark = pytest.mark.integration

DEFAULT_RUNTIME = {name: values[0] for name, values in baking.RUNTIME_OPTIONS.items()}
# For the tests that need only the default project: one parameter, its id, on the worker that bakes it.
ON_THE_DEFAULT_PROJECT = pytest.mark.parametrize(
    "default_combination",
    [
        pytest.param(
            DEFAULT_RUNTIME,
            id=baking.combination_id(DEFAULT_RUNTIME),
            marks=pytest.mark.xdist_group(baking.combination_id(DEFAULT_RUNTIME)),
        )
    ],
)
# Deployment files change no run-time behaviour (NO_RUNTIME_EFFECT), but the generated suite reads them (its
# secret scan covers every tracked file): every integration bake carries all of them.
DEPLOYMENT_FILES_ON = {"docker": "y", "kubernetes": "y"}
# On the worker's own redis-server (conftest.redis_server): 0 for the cache, 1 for the Celery broker.
CACHE_DATABASE, BROKER_DATABASE = 0, 1
# RabbitMQ is the machine's: the generated test settings give every run its own queue names.
RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672//"


def _broker_environment(combination: baking.Combination, redis_server: str) -> dict[str, str]:
    """CELERY_BROKER_URL for a combination with Celery, else nothing."""
    answers = {**baking.DEFAULT_CHOICES, **combination}
    if answers["task_queue"] != "celery":
        return {}
    if answers["celery_broker"] == "rabbitmq":
        baking.require_service("RabbitMQ", "127.0.0.1", 5672)
    urls = {"redis": f"{redis_server}/{BROKER_DATABASE}", "rabbitmq": RABBITMQ_URL}
    return {"CELERY_BROKER_URL": urls[answers["celery_broker"]]}


@dataclass(frozen=True)
class Environment:
    """A baked project with its own virtualenv, ready to run commands in."""

    project: Path
    python: Path

    def run(self, *args: str, **env: str) -> baking.Outcome:
        return baking.run([str(self.python), *args], cwd=self.project, env=baking.clean_environment(**env))

    def manage(self, *args: str, **env: str) -> baking.Outcome:
        return self.run("manage.py", *args, **env)

    def pytest(self, scratch: Path, *options: str, **env: str) -> baking.Outcome:
        """The generated suite as `uv run pytest` runs it, writing its coverage data and cache outside the
        project: two workers may test the same project at once."""
        return self.run(
            "-m", "pytest", "-p", "no:cacheprovider", *options, COVERAGE_FILE=str(scratch / ".coverage"), **env
        )


# The whole generated suite, as `make test-all` and the project's CI run it: the quick loop (`uv run pytest`)
# leaves out the fuzzer and the scanners (markers fuzz and scan, which `make check` runs), `-m ""` selects
# everything.
EVERY_TEST = ("-m", "")


@pytest.fixture(scope="session")
def project_environment(tmp_path_factory: pytest.TempPathFactory, uv: str) -> Callable[..., Environment]:
    """Bake a combination and ``uv sync`` it once per run, whichever xdist worker asks first.

    The folder is shared by the workers of one run and guarded by a lock, so this holds even when xdist
    does not keep a combination's tests on one worker (``--dist=loadgroup`` is only a hint: with pytest 9.2
    and pytest-xdist 3.8 it groups nothing, pytest-xdist issue 1386).
    """
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "integration"
    root.mkdir(exist_ok=True)

    def prepare(combination: baking.Combination) -> Environment:
        python_version = combination.get("python_version", baking.DEFAULT_CHOICES["python_version"])
        interpreter = baking.find_interpreter(python_version)
        if interpreter is None:
            baking.fail_or_skip(
                f"no Python {python_version} interpreter found (pyenv versions or python{python_version})"
            )
        folder = root / baking.short_name(combination)
        with (root / f"{folder.name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            outcome = folder / "outcome.json"
            if not outcome.exists():
                folder.mkdir(exist_ok=True)
                outcome.write_text(json.dumps(_prepare(folder, combination, uv, interpreter)))
        prepared = json.loads(outcome.read_text())
        if "failure" in prepared:
            pytest.fail(prepared["failure"], pytrace=False)
        project = Path(prepared["project"])
        return Environment(project=project, python=project / ".venv" / "bin" / "python")

    return prepare


def _prepare(folder: Path, combination: baking.Combination, uv: str, interpreter: Path) -> dict[str, str]:
    try:
        project = baking.bake(folder, **{**DEPLOYMENT_FILES_ON, **combination})
    except Exception as error:  # any bake failure fails every test of this combination
        return {"failure": f"the bake failed for {baking.combination_id(combination)}: {error!r}"}
    env = baking.clean_environment(UV_CACHE_DIR=str(baking.uv_cache_dir()), UV_PYTHON_DOWNLOADS="never")
    synced = baking.run([uv, "sync", "--python", str(interpreter)], cwd=project, env=env, timeout=900)
    if not synced.ok:
        return {"failure": f"`uv sync` failed for {baking.combination_id(combination)}:\n{synced.report}"}
    return {"project": str(project)}


def _database_url(postgresql: str, combination: baking.Combination, run_id: str) -> str:
    """A database per run and combination, so neither parallel workers nor two runs on one machine share one
    (pytest-django adds a test_ prefix and drops it afterwards)."""
    return f"{postgresql}/prodev_{run_id}_{baking.short_name(combination)}"


def _redis_environment(combination: baking.Combination, redis_server: str) -> dict[str, str]:
    """REDIS_URL for cache=redis, on this worker's own redis-server: the suite empties it per test."""
    if combination.get("cache", baking.DEFAULT_CHOICES["cache"]) != "redis":
        return {}
    return {"REDIS_URL": f"{redis_server}/{CACHE_DATABASE}"}


def test_the_generated_suite_passes_against_postgresql(
    project_environment: Callable[..., Environment],
    runtime_combination: baking.Combination,
    postgresql: str,
    redis_server: str,
    run_id: str,
    tmp_path: Path,
) -> None:
    environment = project_environment(runtime_combination)
    database_url = _database_url(postgresql, runtime_combination, run_id)
    vendor = environment.manage(
        "shell",
        "--command",
        "from django.db import connection; print(connection.vendor)",
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
    )
    assert vendor.ok, vendor.report
    assert vendor.stdout.strip().splitlines()[-1:] == ["postgresql"], (
        f"DATABASE_URL does not select PostgreSQL:\n{vendor.report}"
    )
    suite = environment.pytest(
        tmp_path,
        *EVERY_TEST,
        DATABASE_URL=database_url,
        **_broker_environment(runtime_combination, redis_server),
        **_redis_environment(runtime_combination, redis_server),
    )
    assert suite.ok, suite.report


@ON_THE_DEFAULT_PROJECT
def test_the_default_project_passes_its_suite_on_sqlite_with_no_services(
    project_environment: Callable[..., Environment], default_combination: baking.Combination, tmp_path: Path
) -> None:
    environment = project_environment(default_combination)
    # The quick loop a student runs, `uv run pytest`, with its coverage gate. No services on purpose: tests
    # that need a broker skip here (CI unset); they and the fuzzer run in the PostgreSQL test of the same
    # combination, which provides the services and selects every test.
    suite = environment.pytest(tmp_path, CI="")
    assert suite.ok, suite.report


def test_check_deploy_passes_with_production_settings(
    project_environment: Callable[..., Environment],
    runtime_combination: baking.Combination,
    postgresql: str,
    redis_server: str,
) -> None:
    environment = project_environment(runtime_combination)
    secret_key = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(64))
    production = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secret_key,
        "DATABASE_URL": f"{postgresql}/postgres",
        "REDIS_URL": f"{redis_server}/{CACHE_DATABASE}",
        "DJANGO_ALLOWED_HOSTS": "api.example.com",
        **_broker_environment(runtime_combination, redis_server),
    }
    # A deployment runs collectstatic first, and the project's own check (core.W001) looks for the
    # manifest it writes. The manifest is written here the way collectstatic ends (its storage's
    # save_manifest), without hashing and compressing every file (20 s a bake): the browser test
    # runs the real collectstatic, and the generated suite tests the warning without a manifest.
    manifest = environment.manage(
        "shell",
        "-c",
        "from django.contrib.staticfiles.storage import staticfiles_storage as s; s.save_manifest()",
        **production,
    )
    assert manifest.ok, manifest.report
    check = environment.manage("check", "--deploy", "--fail-level", "WARNING", **production)
    assert check.ok, check.report


def test_every_model_change_has_a_migration(
    project_environment: Callable[..., Environment],
    runtime_combination: baking.Combination,
    postgresql: str,
    redis_server: str,
) -> None:
    environment = project_environment(runtime_combination)
    migrations = environment.manage(
        "makemigrations",
        "--check",
        "--dry-run",
        DATABASE_URL=f"{postgresql}/postgres",
        REDIS_URL=f"{redis_server}/{CACHE_DATABASE}",
    )
    assert migrations.ok, migrations.report


def test_the_openapi_schema_validates_without_warnings(
    project_environment: Callable[..., Environment],
    runtime_combination: baking.Combination,
    postgresql: str,
    redis_server: str,
    tmp_path: Path,
) -> None:
    environment = project_environment(runtime_combination)
    schema = tmp_path / "schema.yaml"
    generated = environment.manage(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(schema),
        DATABASE_URL=f"{postgresql}/postgres",
        REDIS_URL=f"{redis_server}/{CACHE_DATABASE}",
    )
    assert generated.ok, generated.report
    document = yaml.safe_load(schema.read_text())
    assert str(document["openapi"]).startswith("3."), generated.report
    assert document["paths"], "the schema documents no endpoint"


def test_mypy_finds_no_error_in_the_generated_code(
    project_environment: Callable[..., Environment], runtime_combination: baking.Combination, tmp_path: Path
) -> None:
    """What `make check` runs, per combination: each option adds or swaps typed code (apps, GraphQL
    libraries, auth views) and each Django series brings its own stubs."""
    environment = project_environment(runtime_combination)
    # The cache goes to scratch space: the project folder is shared by the workers.
    checked = environment.run("-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache"), ".")
    assert checked.ok, checked.report


def test_import_linter_keeps_every_layer_contract(
    project_environment: Callable[..., Environment], runtime_combination: baking.Combination
) -> None:
    """What `make check` runs, per combination: core imports no app, the apps sit on users and core
    without importing each other, and reach users only through its declared modules. Each option adds
    or removes apps and modules, so the contracts of `[tool.importlinter]` change with it."""
    environment = project_environment(runtime_combination)
    # No cache: the project folder is shared by the workers.
    linted = baking.run(
        [str(environment.python.parent / "lint-imports"), "--no-cache"],
        cwd=environment.project,
        env=baking.clean_environment(),
    )
    assert linted.ok, linted.report
    assert " kept, 0 broken." in linted.stdout, linted.report


@ON_THE_DEFAULT_PROJECT
def test_make_bench_runs_end_to_end_and_writes_its_page(
    project_environment: Callable[..., Environment],
    default_combination: baking.Combination,
    postgresql: str,
    redis_server: str,
    run_id: str,
    uv: str,
    tmp_path: Path,
) -> None:
    """`make bench`'s script on a tiny size: gunicorn under production settings, locust from the project's
    `bench` group, PostgreSQL (a scratch database the script creates and drops) and Redis; it writes the page
    with every list of the example app and both plots."""
    environment = project_environment(default_combination)
    page = tmp_path / "performance.md"
    database_url = _database_url(postgresql, default_combination, run_id)
    bench = baking.run(
        [uv, "run", "--group", "bench", "python", "benchmarks/api_bench.py", "--quick", "--output", str(page)],
        cwd=environment.project,
        env=baking.clean_environment(
            UV_CACHE_DIR=str(baking.uv_cache_dir()),
            UV_PYTHON_DOWNLOADS="never",
            DATABASE_URL=database_url,
            REDIS_URL=f"{redis_server}/{CACHE_DATABASE}",
            **_broker_environment(default_combination, redis_server),
        ),
        timeout=600,
    )
    assert bench.ok, bench.report
    text = page.read_text()
    for list_label in ("| products |", "| orders |", "| GraphQL orders |", "| users |", "| GraphQL users |"):
        assert list_label in text, f"{list_label} missing from the page:\n{text}"
    for measure in ("| me | customer | uncached |", "| products | public | warm |", "| worker 2 |"):
        assert measure in text, f"{measure} missing from the page:\n{text}"
    # What the cache saves, in process: each cached endpoint read cold then warm, the list held to 5x.
    assert re.search(r"^\| products \| [\d.]+ \| [\d.]+ \| [\d.]+x \|.* \| (yes|\*\*no\*\*) \|$", text, re.M), text
    assert re.search(r"^\| product detail \| .* \| \(a detail\) \|$", text, re.M), text
    for plot in ("performance-page-time.svg", "performance-throughput.svg"):
        assert f"]({plot})" in text
        assert (tmp_path / plot).read_text().startswith("<svg"), plot
    scratch_prefix = f"{database_url.rsplit('/', 1)[1]}_bench_"
    leftovers = environment.run(
        "-c",
        "import psycopg, sys; print(*psycopg.connect(sys.argv[1]).execute("
        "'SELECT datname FROM pg_database WHERE starts_with(datname, %s)', [sys.argv[2]]).fetchall())",
        f"{postgresql}/postgres",
        scratch_prefix,
    )
    assert leftovers.ok, leftovers.report
    assert leftovers.stdout.strip() == "", f"the scratch database was not dropped: {leftovers.stdout}"
