"""Finish a freshly rendered project: prune, license, secrets, git, next steps.

``main`` only calls named steps. Which files exist for which answers is decided
by one table, ``KEEP_ONLY_WHEN``: adding an option adds rows there, not branches.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import string
import sys
from pathlib import Path

# Rendered by cookiecutter; kept as a string so the module imports unrendered in tests.
RENDERED_ANSWERS = r"""{{ cookiecutter | tojson }}"""

# (option, values that keep the paths, paths relative to the project root).
# "{slug}" stands for the project's package.
KEEP_ONLY_WHEN: list[tuple[str, frozenset[str], tuple[str, ...]]] = [
    (
        "api_auth",
        frozenset({"jwt"}),
        (
            "config/settings/components/auth_jwt.py",
            "{slug}/users/api/auth_jwt.py",
            "{slug}/users/api/jwt_authentication.py",
            "{slug}/users/tests/test_auth_jwt.py",
            "{slug}/users/tests/test_jwt_authentication.py",
        ),
    ),
    (
        "api_auth",
        frozenset({"token"}),
        (
            "config/settings/components/auth_token.py",
            "{slug}/users/api/auth_token.py",
            "{slug}/users/api/expiring_token.py",
            "{slug}/users/tests/test_auth_token.py",
        ),
    ),
    (
        "api_auth",
        frozenset({"session"}),
        ("{slug}/users/api/auth_session.py", "{slug}/users/tests/test_auth_session.py"),
    ),
    ("api_auth", frozenset({"token", "session"}), ("{slug}/users/api/sign_in.py",)),
    (
        "example_app",
        frozenset({"ecommerce"}),
        (
            "{slug}/shop",
            "docs/erd-shop.md",
            "docs/shop.md",
            "benchmarks/example_shop.py",
        ),
    ),
    (
        "example_app",
        frozenset({"cms"}),
        (
            "{slug}/cms",
            "docs/erd-cms.md",
            "docs/cms.md",
            "benchmarks/example_cms.py",
        ),
    ),
    # A course starter's exercises: the list with hints and tests, and the script that scores them.
    ("starter_mode", frozenset({"exercises"}), ("EXERCISES.md", "grade.py")),
    (
        "example_app",
        frozenset({"ecommerce", "cms"}),
        (
            "{slug}/core/filters.py",
            "{slug}/core/management/commands/seed_demo.py",
            "{slug}/core/seeding.py",
            "{slug}/core/tests/test_filters.py",
            "{slug}/core/tests/test_seed_demo.py",
            "{slug}/users/seed.py",
        ),
    ),
    (
        "task_queue",
        frozenset({"celery"}),
        (
            "config/celery.py",
            "config/settings/components/celery.py",
            "config/settings/components/celery_production.py",
            "config/settings/components/celery_test.py",
            "config/settings/components/metrics_celery.py",
            "docs/erd-reports.md",
            "{slug}/core/lazy_time_zones.py",
            "{slug}/core/metrics_celery.py",
            "{slug}/core/periodic.py",
            "{slug}/core/task_context.py",
            "{slug}/core/tests/test_celery.py",
            "{slug}/core/tests/test_lazy_time_zones.py",
            "{slug}/core/tests/test_periodic.py",
            "{slug}/core/tests/test_task_context.py",
            "{slug}/core/tests/test_task_metrics.py",
            "{slug}/reports",
            "{slug}/users/emails.py",
            "{slug}/users/tasks.py",
            "{slug}/users/tests/test_tasks.py",
            "{slug}/users/tests/test_worker.py",
        ),
    ),
    (
        "sentry",
        frozenset({"y"}),
        (
            "config/sentry.py",
            "config/settings/components/sentry_production.py",
            "{slug}/core/tests/test_sentry.py",
        ),
    ),
    # metrics_celery.py and test_task_metrics.py are also in the task_queue row: they need both.
    (
        "prometheus",
        frozenset({"y"}),
        (
            "config/settings/components/metrics.py",
            "config/settings/components/metrics_celery.py",
            "{slug}/core/metrics.py",
            "{slug}/core/metrics_celery.py",
            "{slug}/core/tests/test_metrics.py",
            "{slug}/core/tests/test_task_metrics.py",
        ),
    ),
    ("docker", frozenset({"y"}), ("Dockerfile", ".dockerignore", "compose.yaml", "compose.prod.yaml", "docker")),
    ("kubernetes", frozenset({"y"}), ("k8s", "docs/kubernetes.md")),
    # .github/workflows/release.yml also needs docker=y: its file name is a Jinja condition on docker.
    ("ci", frozenset({"github"}), (".github",)),
    ("ci", frozenset({"gitlab"}), (".gitlab-ci.yml",)),
    ("ci", frozenset({"jenkins"}), ("Jenkinsfile",)),
    (
        "cache",
        frozenset({"redis"}),
        (
            "config/settings/components/cache.py",
            "config/settings/components/cache_production.py",
            "config/settings/components/cache_test.py",
            "{slug}/core/redis_client.py",
            "{slug}/core/throttling_redis.py",
            "{slug}/core/tests/test_cache_redis.py",
            "{slug}/core/tests/test_throttling_redis.py",
            "{slug}/core/tests/test_attacks_infra.py",
        ),
    ),
    (
        "cache",
        frozenset({"none"}),
        (
            "config/settings/components/cache_database_production.py",
            "{slug}/core/migrations",
            "{slug}/core/tests/test_cache_database.py",
        ),
    ),
    # GraphQL: each library's implementation lives in its own *_strawberry.py / *_graphene.py files.
    (
        "graphql",
        frozenset({"strawberry"}),
        (
            "config/schema_strawberry.py",
            "{slug}/core/graphql/mutations_strawberry.py",
            "{slug}/core/graphql/schema_strawberry.py",
            "{slug}/core/graphql/types_strawberry.py",
            "{slug}/core/graphql/view_strawberry.py",
            "{slug}/users/graphql/schema_strawberry.py",
            "{slug}/shop/graphql/schema_strawberry.py",
            "{slug}/core/tests/test_mutations_strawberry.py",
            "{slug}/cms/graphql/schema_strawberry.py",
        ),
    ),
    (
        "graphql",
        frozenset({"graphene"}),
        (
            "config/schema_graphene.py",
            "{slug}/core/graphql/mutations_graphene.py",
            "{slug}/core/graphql/types_graphene.py",
            "{slug}/core/graphql/view_graphene.py",
            "{slug}/core/graphql/validation_graphene.py",
            "{slug}/users/graphql/schema_graphene.py",
            "{slug}/shop/graphql/schema_graphene.py",
            "{slug}/core/tests/test_mutations_graphene.py",
            "{slug}/cms/graphql/schema_graphene.py",
        ),
    ),
    (
        "graphql",
        frozenset({"strawberry", "graphene"}),
        (
            "schema.graphql",
            "config/settings/components/graphql.py",
            "config/settings/components/graphql_local.py",
            "benchmarks/bench_graphql.py",
            "docs/graphql.md",
            "{slug}/core/graphql",
            "{slug}/users/graphql",
            "{slug}/shop/graphql",
            "{slug}/cms/graphql",
            "{slug}/core/management/commands/export_graphql_schema.py",
            # GraphiQL's page, its start script and the vendored React and GraphiQL it loads.
            "{slug}/core/templates/core/graphiql.html",
            "{slug}/core/static/core/graphiql.js",
            "{slug}/core/static/core/vendor",
            "{slug}/core/tests/test_graphiql.py",
            "{slug}/core/tests/graphql_client.py",
            "{slug}/core/tests/test_graphql.py",
            "{slug}/core/tests/test_graphql_attacks.py",
            "{slug}/core/tests/test_graphql_lazy.py",
            "{slug}/users/tests/test_graphql.py",
            "{slug}/shop/tests/test_graphql.py",
            "{slug}/cms/tests/test_graphql.py",
        ),
    ),
]

LICENSES_DIR = "licenses"
SECRET_ALPHABET = string.ascii_letters + string.digits
ADMIN_ALPHABET = string.ascii_lowercase + string.digits


def paths_to_prune(answers: dict[str, str]) -> list[str]:
    """Every path whose rule's option has a value that does not keep it."""
    slug = answers["project_slug"]
    return [
        path.format(slug=slug)
        for option, keep_values, paths in KEEP_ONLY_WHEN
        if answers[option] not in keep_values
        for path in paths
    ]


def prune(project: Path, answers: dict[str, str]) -> None:
    for relative in paths_to_prune(answers):
        target = project / relative
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def install_license(project: Path, answers: dict[str, str]) -> None:
    """Keep the chosen license text as LICENSE and drop the others."""
    licenses = project / LICENSES_DIR
    (licenses / f"{answers['open_source_license']}.txt").replace(project / "LICENSE")
    shutil.rmtree(licenses)


def make_secret(length: int, alphabet: str = SECRET_ALPHABET) -> str:
    """Letters and digits only: django-environ reads a leading '$' as a reference."""
    return "".join(secrets.choice(alphabet) for _ in range(length))


def env_values() -> dict[str, str]:
    return {
        "DJANGO_SECRET_KEY": make_secret(64),
        "DJANGO_ADMIN_URL": f"admin-{make_secret(16, ADMIN_ALPHABET)}/",
        "POSTGRES_PASSWORD": make_secret(32),
        # Only written when .env.example has the line (prometheus=y): the bearer token for /metrics.
        "DJANGO_METRICS_TOKEN": make_secret(32),
        # Written only where .env.example has the key (Compose with the RabbitMQ broker).
        "RABBITMQ_PASSWORD": make_secret(32),
    }


def write_env(project: Path) -> None:
    """Write .env from .env.example with fresh secrets, readable by the owner only."""
    values = env_values()
    lines = []
    for line in (project / ".env.example").read_text().splitlines():
        key = line.split("=", 1)[0]
        lines.append(f"{key}={values[key]}" if key in values and "=" in line else line)
    target = project / ".env"
    target.write_text("\n".join(lines) + "\n")
    target.chmod(0o600)


def init_git(project: Path, answers: dict[str, str]) -> None:
    if answers["init_git"] != "y":
        return
    import subprocess  # only here: most bakes never start git, and the import is a noticeable part of the hook

    identity = {
        "GIT_AUTHOR_NAME": answers["author_name"],
        "GIT_AUTHOR_EMAIL": answers["author_email"],
        "GIT_COMMITTER_NAME": answers["author_name"],
        "GIT_COMMITTER_EMAIL": answers["author_email"],
    }
    env = {**os.environ, **identity}
    for command in (
        ["git", "init", "--quiet", "--initial-branch=main"],
        ["git", "add", "--all"],
        ["git", "commit", "--quiet", "--no-verify", "-m", "Initial commit from cookiecutter-prodev-backend"],
    ):
        subprocess.run(command, cwd=project, env=env, check=True)


UV_INSTALL = "No uv? pip install uv (or: curl -LsSf https://astral.sh/uv/install.sh | sh)"


def admin_path(project: Path) -> str:
    """The admin's path as written in .env (DJANGO_ADMIN_URL), e.g. 'admin-k3j.../'."""
    for line in (project / ".env").read_text().splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "DJANGO_ADMIN_URL":
            return value.strip()
    raise LookupError(".env has no DJANGO_ADMIN_URL line")


def run_by_cruft(answers: dict[str, str]) -> bool:
    """cruft adds the template commit (``_commit``) to the answers; plain cookiecutter does not.

    cruft runs this hook again on every ``cruft diff`` and ``cruft update``, in a throw-away render.
    """
    return "_commit" in answers


def print_next_steps(answers: dict[str, str], admin: str) -> None:
    """Print on stdout, or on stderr under cruft so that ``cruft diff`` prints a patch and nothing else."""
    slug = answers["project_slug"]
    uv_missing = f"uv is not on your PATH. {UV_INSTALL}\n" if shutil.which("uv") is None else ""
    print(
        f"\nCreated {slug}/. Next steps:\n"
        f"{uv_missing}"
        f"  cd {slug}\n"
        "  uv sync --compile-bytecode  # create .venv from pyproject.toml (writes uv.lock: commit it)\n"
        "  uv run pytest               # the test suite, on SQLite with no services\n"
        "  uv run python manage.py migrate && uv run python manage.py runserver\n"
        "Then open http://127.0.0.1:8000/ (the API root) and the admin at\n"
        f"  http://127.0.0.1:8000/{admin}\n"
        "The admin's path is random (DJANGO_ADMIN_URL in .env): set your own secret one in production.\n"
        "Secrets are in .env (mode 600, git-ignored). README.md says how to run on PostgreSQL.",
        file=sys.stderr if run_by_cruft(answers) else sys.stdout,
    )


def main(answers: dict[str, str]) -> int:
    project = Path.cwd()
    prune(project, answers)
    install_license(project, answers)
    write_env(project)
    init_git(project, answers)
    print_next_steps(answers, admin_path(project))
    return 0


if __name__ == "__main__":
    sys.exit(main(json.loads(RENDERED_ANSWERS)))
