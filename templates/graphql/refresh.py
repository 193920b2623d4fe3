"""Regenerate the committed GraphQL schemas that a baked project's schema.graphql includes.

A project's schema.graphql depends on two answers only: graphql (the library) and example_app (the
types). This script bakes each pair, exports its schema with the project's own command and stores
it here as ``<graphql>-<example_app>.graphql``; the skeleton's schema.graphql includes the right
one. Every baked project tests that the included file matches its code, so a schema change that
is not refreshed here fails the template's integration layer.

    uv run python templates/graphql/refresh.py    (from the template root)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE.parent.parent
LIBRARIES = ("strawberry", "graphene")
EXAMPLE_APPS = ("ecommerce", "cms", "none")


def export(graphql: str, example_app: str, workdir: Path) -> str:
    from cookiecutter.main import cookiecutter

    project = Path(
        cookiecutter(
            str(TEMPLATE),
            no_input=True,
            output_dir=str(workdir / f"{graphql}-{example_app}"),
            extra_context={"graphql": graphql, "example_app": example_app},
        )
    )
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    subprocess.run(["uv", "sync", "-q", "--python", sys.executable], cwd=project, env=env, check=True)
    subprocess.run([".venv/bin/python", "manage.py", "export_graphql_schema"], cwd=project, env=env, check=True)
    return (project / "schema.graphql").read_text()


def main() -> int:
    with tempfile.TemporaryDirectory() as workdir:
        for graphql in LIBRARIES:
            for example_app in EXAMPLE_APPS:
                sdl = export(graphql, example_app, Path(workdir))
                (HERE / f"{graphql}-{example_app}.graphql").write_text(sdl)
                print(f"refreshed {graphql}-{example_app}.graphql")
    return 0


if __name__ == "__main__":
    sys.exit(main())
