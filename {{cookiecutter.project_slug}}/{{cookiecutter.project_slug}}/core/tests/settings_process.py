"""Settings modules started in a fresh interpreter, the way a server starts them: one per module and run.

Starting Django takes seconds, so a settings module is not started once per assertion. The tests of
every module register what they want to know from it, and one fresh interpreter answers it all:

- ``@PRODUCTION.question``: a function of a test module, called in that interpreter once Django is
  set up with the module's settings, on an empty database when it is SQLite in memory; it returns
  what the test asserts on (anything JSON can hold).
- ``PRODUCTION.variant(name, unset=(...), **changes)``: the settings module imported alone, with some
  variables changed or unset, before Django starts: a refusal to start, a value derived at import.

The answers are asked for through a session fixture (core/tests/conftest.py) and shared by the
pytest-xdist workers of a run: the first worker that needs them starts the interpreter, the others
read what it wrote. Run as ``python -m <this module>`` it is that interpreter: a JSON request on
stdin, a JSON report on stdout.
"""

import contextlib
import fcntl
import hashlib
import importlib
import io
import json
import os
import secrets
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[3]
# What the interpreter inherits from the test run: none of the run's own configuration.
NOT_INHERITED = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "PYTEST_")


def printed_by_fresh_interpreter(code: str, settings: str = "config.settings.test") -> Any:
    """The last line ``code`` printed, as JSON, run alone in a fresh interpreter with ``settings``.

    For what starting Django imports or builds, which the test run's own imports would hide.
    """
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@dataclass(frozen=True)
class Loaded:
    """The settings module imported alone: the error it raised, what it wrote to stderr, values."""

    error: str | None
    stderr: str
    values: dict[str, Any]


@dataclass
class Answers:
    """What one fresh interpreter reported for a settings module."""

    module: str
    report: dict[str, Any]

    def _fail(self, what: str, error: str) -> None:
        pytest.fail(f"{what}, in a fresh {self.module} interpreter:\n{error}", pytrace=False)

    def of(self, question: Callable[[], Any]) -> Any:
        """What ``question`` returned once Django was set up."""
        if self.report["setup_error"]:
            self._fail("django.setup() failed", self.report["setup_error"])
        answer = self.report["answers"][_name(question)]
        if "error" in answer:
            self._fail(f"{question.__name__}() raised", answer["error"])
        return answer["value"]

    def variant(self, name: str) -> Loaded:
        return Loaded(**self.report["variants"][name])

    @property
    def stderr(self) -> str:
        """Everything the interpreter wrote to stderr from django.setup() on."""
        return str(self.report["stderr"])


@dataclass
class SettingsProcess:
    """One settings module, the variables its interpreter starts with, and what the tests ask it."""

    module: str
    environment: dict[str, str]
    questions: list[str] = field(default_factory=list)
    variants: dict[str, dict[str, Any]] = field(default_factory=dict)

    def question(self, function: Callable[[], Any]) -> Callable[[], Any]:
        """Register ``function`` (a decorator): the interpreter calls it once Django is set up."""
        if _name(function) not in self.questions:
            self.questions.append(_name(function))
        return function

    def variant(
        self, name: str, show: tuple[str, ...] = (), unset: tuple[str, ...] = (), **changes: str
    ) -> None:
        """Register an import of the module alone with ``changes`` and without the ``unset`` variables;
        ``show`` names settings to report."""
        self.variants[name] = {"changes": {**changes, **dict.fromkeys(unset)}, "show": list(show)}

    def answers(self, folder: Path) -> Answers:
        """Start the interpreter, or read what another worker of this run got from it."""
        request = {
            "module": self.module,
            "questions": self.questions,
            "variants": self.variants,
        }
        digest = hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()[:16]
        report_file = folder / f"settings-{self.module}-{digest}.json"
        with (folder / f"{report_file.name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not report_file.exists():
                report_file.write_text(json.dumps(self._run(request)))
        return Answers(self.module, json.loads(report_file.read_text()))

    def _run(self, request: dict[str, Any]) -> dict[str, Any]:
        inherited = {
            key: value for key, value in os.environ.items() if not key.startswith(NOT_INHERITED)
        }
        result = subprocess.run(
            [sys.executable, "-m", __name__],
            cwd=PROJECT_ROOT,
            env={**inherited, **self.environment, "DJANGO_SETTINGS_MODULE": self.module},
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(
                f"the {self.module} interpreter exited with {result.returncode}:\n{result.stderr}",
                pytrace=False,
            )
        return json.loads(result.stdout)


def _name(function: Callable[[], Any]) -> str:
    return f"{function.__module__}:{function.__qualname__}"


PRODUCTION = SettingsProcess(
    "config.settings.production",
    {
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DJANGO_SECRET_KEY": "Kq7vR2mX9pL4wT8zN3bC6yH1jF5dS0aGeU7iO2kM4nB8xV6cZ1Lw3Ep5Rt7Yu9",  # pragma: allowlist secret
        "DJANGO_ALLOWED_HOSTS": "api.example.com",
        "DATABASE_URL": "sqlite:///:memory:",
        # Keys of this run alone: on a machine whose Redis other runs share, their throttle counters
        # would otherwise answer this interpreter's requests with 429.
        "DJANGO_CACHE_KEY_PREFIX": f"settings-process-{secrets.token_hex(4)}",
{%- if cookiecutter.cache == "redis" %}
        "REDIS_URL": "redis://127.0.0.1:6379/0",
{%- endif %}
{%- if cookiecutter.task_queue == "celery" and cookiecutter.celery_broker == "redis" %}
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1",
{%- elif cookiecutter.task_queue == "celery" %}
        "CELERY_BROKER_URL": "amqp://guest:guest@127.0.0.1:5672//",
{%- endif %}
    },
)
LOCAL = SettingsProcess("config.settings.local", {"DJANGO_READ_DOT_ENV_FILE": "false"})


# The interpreter's side.


def _forget_settings() -> None:
    for name in [name for name in sys.modules if name.split(".")[:2] == ["config", "settings"]]:
        del sys.modules[name]


def _load(module: str, changes: dict[str, str | None], show: list[str]) -> dict[str, Any]:
    saved = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    _forget_settings()
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            settings = importlib.import_module(module)
        error, values = None, {name: getattr(settings, name) for name in show}
    except Exception as raised:  # the refusal a variant is about
        error, values = f"{type(raised).__name__}: {raised}", {}
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {"error": error, "stderr": stderr.getvalue(), "values": values}


def _empty_database() -> None:
    """Close the database connections: with SQLite in memory, the next question starts on an empty one.

    Django ignores close() on an in-memory SQLite database (closing destroys it), so the base class's
    close() is called, which closes it all the same.
    """
    from django.db import connections
    from django.db.backends.base.base import BaseDatabaseWrapper

    for connection in connections.all(initialized_only=True):
        BaseDatabaseWrapper.close(connection)


def _call(name: str) -> dict[str, Any]:
    module, qualname = name.split(":")
    _empty_database()
    try:
        return {"value": getattr(importlib.import_module(module), qualname)()}
    except Exception:
        return {"error": traceback.format_exc()}


def main() -> None:
    request = json.load(sys.stdin)
    module = request["module"]
    report: dict[str, Any] = {"setup_error": None, "answers": {}}
    report["variants"] = {
        name: _load(module, variant["changes"], variant["show"])
        for name, variant in request["variants"].items()
    }
    _forget_settings()
    stderr = io.StringIO()
    # The questions' own output (call_command, print) stays out of the report on stdout.
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stderr):
        try:
            import django

            django.setup()
        except Exception:
            report["setup_error"] = traceback.format_exc()
        else:
            report["answers"] = {name: _call(name) for name in request["questions"]}
    report["stderr"] = stderr.getvalue()
    print(json.dumps(report, default=repr))


if __name__ == "__main__":
    main()
