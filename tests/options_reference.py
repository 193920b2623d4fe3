"""The options reference: cookiecutter.json's prompts, choices and defaults, plus what each option decides.

The tables between the ``<!-- options:start -->`` and ``<!-- options:end -->`` markers of README.md and
docs/options.md are written by this module; tests/test_docs.py fails when they differ from what it renders.
Regenerate them with ``make docs`` (``python tests/options_reference.py --write``).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the template folder holds hooks/, which baking imports
    sys.path.append(str(Path(__file__).resolve().parent.parent))

import baking

# Hand-written: one short line per option, what its answer changes in the generated project.
DECIDES: dict[str, str] = {
    "project_name": "the name in the README, the admin, the OpenAPI title and the package docstring",
    "project_slug": "the project folder and the Python package; must not shadow a standard-library module or a "
    "dependency",
    "description": "the one-line description in `pyproject.toml`, the README and the OpenAPI document",
    "author_name": "the package author, the license's copyright holder, the first commit's author",
    "author_email": "the package author's email, the first commit's email",
    "domain_name": "the production origin (`DJANGO_CSRF_TRUSTED_ORIGINS`) and the sender `noreply@<domain>`",
    "version": "the version in `pyproject.toml` and in the OpenAPI document",
    "timezone": "Django's `TIME_ZONE` (storage stays in UTC)",
    "python_version": "`requires-python`, `.python-version`, ruff's and mypy's target",
    "django_version": "the pinned Django series and matching django-stubs",
    "api_auth": "DRF authentication and the sign-in endpoints under `/api/v1/auth/`",
    "example_app": "a complete domain app (`shop/` or `cms/`) with its docs, demo data and filters, or none",
    "starter_mode": "`exercises` cuts marked solution regions into stubs that raise `NotImplementedError` and "
    "writes `EXERCISES.md`; every test stays, `make grade` scores it",
    "task_queue": "a Celery worker and beat (welcome email, daily report, schedules), or no Celery at all",
    "celery_broker": "the broker URL and Celery extra (ignored when `task_queue` is `none`)",
    "sentry": "`config/sentry.py` and sentry-sdk, started in production when `SENTRY_DSN` is set",
    "prometheus": "`/metrics` with prometheus-client, behind `DJANGO_METRICS_TOKEN`",
    "docker": "`Dockerfile`, `compose.yaml`, `compose.prod.yaml` (Caddy, automatic TLS), `docker/`",
    "kubernetes": "`k8s/`: a kustomize base, staging, production and blue/green overlays; `docs/kubernetes.md`",
    "ci": "the generated project's pipeline: GitHub Actions, GitLab CI/CD, a Jenkinsfile, or none",
    "cache": "django-redis (fails open) or, without Redis, local memory and the database cache",
    "graphql": "a GraphQL API at `/graphql/` beside REST, with strawberry or graphene, or none",
    "open_source_license": "`LICENSE` and the license expression in `pyproject.toml`",
    "init_git": "`git init` and a first commit by the author",
}

START, END = "<!-- options:start -->", "<!-- options:end -->"
TARGETS = (baking.TEMPLATE_DIR / "README.md", baking.TEMPLATE_DIR / "docs" / "options.md")


def prompt_of(option: str) -> str:
    prompt = baking.OPTIONS.get("__prompts__", {}).get(option, option)
    return prompt["__prompt__"] if isinstance(prompt, dict) else prompt


def answers_of(option: str) -> str:
    raw = baking.OPTIONS[option]
    if isinstance(raw, list):
        return ", ".join(f"`{value}`" for value in raw)
    default = baking.rendered_context()[option]
    return f"derived: `{default}`" if "{{" in str(raw) else f"`{default}`"


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def table() -> str:
    rows = [
        "| option | prompt | choices (default first) or default | what it decides |",
        "|---|---|---|---|",
    ]
    options = [name for name in baking.OPTIONS if not name.startswith("_")]
    rows += [f"| `{name}` | {cell(prompt_of(name))} | {answers_of(name)} | {cell(DECIDES[name])} |" for name in options]
    note = "<!-- generated from cookiecutter.json and tests/options_reference.py by `make docs`: do not edit -->"
    return "\n".join([START, note, *rows, END])


def rendered(text: str) -> str:
    """The text with its table between the markers replaced by the current one."""
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    return before + table() + after


def main(argv: list[str]) -> int:
    stale = [path for path in TARGETS if rendered(path.read_text()) != path.read_text()]
    if "--write" in argv:
        for path in stale:
            path.write_text(rendered(path.read_text()))
            print(f"rewrote the options table of {path.name}")
        return 0
    for path in stale:
        print(f"{path.name}: options table is stale; run `make docs`", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
