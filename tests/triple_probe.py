"""Run inside a baked project's environment, from its root, by the triple layer (tests/test_triples.py).

One process: set Django up with the test settings (SQLite and local memory: no service), run ``check`` and
``makemigrations --check --dry-run``, then import every module of the project (top-level modules and every
package, walked). Prints one JSON object: {"failures": [...], "imported": N}; exits 1 if anything failed.

Standalone on purpose: it runs on the project's interpreter (3.12, 3.13), with only the project's packages.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import pkgutil
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

# Variables production settings require; set only while such a module is imported (nothing is connected to):
# production.py and the components only it imports (config/settings/components/*_production.py).
PRODUCTION_SETTINGS = "config.settings.production"
PRODUCTION_COMPONENTS = ("config.settings.components.", "_production")
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "triple-layer-" + "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DATABASE_URL": "sqlite:///:memory:",
    "REDIS_URL": "redis://127.0.0.1:1/0",
    "CELERY_BROKER_URL": "redis://127.0.0.1:1/1",
}


def is_production(module: str) -> bool:
    prefix, suffix = PRODUCTION_COMPONENTS
    return module == PRODUCTION_SETTINGS or (module.startswith(prefix) and module.endswith(suffix))


@contextlib.contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def import_everything(root: Path, failures: list[str]) -> list[str]:
    """Import every module under the project root: top-level modules, packages and, depth first, everything
    inside them. Returns the names imported; a module that fails is recorded and its subtree skipped."""
    imported: list[str] = []
    pending = [(info.name, info.ispkg) for info in pkgutil.iter_modules([str(root)])]
    while pending:
        name, is_package = pending.pop(0)
        try:
            with environment(PRODUCTION_ENVIRONMENT) if is_production(name) else contextlib.nullcontext():
                module = importlib.import_module(name)
        except BaseException:  # a module-level pytest.skip() is a BaseException, and a failure here too
            failures.append(f"import {name}:\n{traceback.format_exc(limit=-8)}")
            continue
        imported.append(name)
        if is_package:
            children = pkgutil.iter_modules(module.__path__, f"{name}.")
            pending[:0] = [(info.name, info.ispkg) for info in children]
    return imported


def main() -> int:
    root = Path.cwd()
    # The project first; never this file's folder (the template's tests/ has a conftest.py of its own).
    here = Path(__file__).resolve().parent
    sys.path[:] = [str(root), *(entry for entry in sys.path[1:] if Path(entry or ".").resolve() != here)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    failures: list[str] = []

    timings: dict[str, float] = {}
    started = time.process_time()
    import django
    from django.core.management import call_command

    django.setup()
    timings["setup"] = time.process_time() - started
    for command, options in (("check", {}), ("makemigrations", {"check": True, "dry_run": True})):
        output = io.StringIO()
        try:
            call_command(command, stdout=output, stderr=output, **options)
        except (Exception, SystemExit) as error:
            failures.append(f"manage.py {command} {options}: {error!r}\n{output.getvalue()}")
        timings[command] = time.process_time() - started - sum(timings.values())

    imported = import_everything(root, failures)
    timings["imports"] = time.process_time() - started - sum(timings.values())
    print(json.dumps({"failures": failures, "imported": imported, "cpu_seconds": timings}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
