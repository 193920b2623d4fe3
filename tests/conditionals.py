"""Jinja conditionals per Python file of the skeleton: where optional code still lives inside a file.

An option that adds code should add files (docs/maintaining.md): a Python file carries Jinja only in
import lists, registration lists (``INSTALLED_APPS``, ``MIDDLEWARE``) and the few places where a choice
cannot be a file. ``uv run python tests/conditionals.py`` prints the count of ``{% if %}`` and
``{% elif %}`` tags per file, largest first; tests/test_conditionals.py holds every file to its
ceiling in ``CEILINGS``, so a new conditional is a decision, not an accident.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
SKELETON_DIR = TEMPLATE_DIR / "{{cookiecutter.project_slug}}"

# An opening or a further branch of a conditional, with or without whitespace control. Exercise regions
# (``{% if cookiecutter.starter_mode == ... %}``, docs/instructors.md) are not counted: a solution region
# is marked once, where the code is, by design (tests/test_starter.py proves both renderings).
CONDITIONAL = re.compile(r"\{%-?\s*(?:if|elif)\b(?!\s+cookiecutter\.starter_mode\b)")

# The most conditionals each Python file may hold; a file not named here may hold none.
CEILINGS: dict[str, int] = {
    "config/settings/base.py": 14,
    # The exercise region of invalidate_model exists only with the Redis cache (cache=redis and starter_mode).
    "{{cookiecutter.project_slug}}/core/caching.py": 1,
    "benchmarks/cache_bench.py": 9,
    "{{cookiecutter.project_slug}}/core/tests/test_settings.py": 8,
    "config/settings/components/__init__.py": 7,
    "config/settings/production.py": 3,
    "config/settings/test.py": 2,
    "config/urls.py": 6,
    "{{cookiecutter.project_slug}}/core/health.py": 7,
    "config/schema_graphene.py": 6,
    "config/schema_strawberry.py": 6,
    "config/settings/local.py": 2,
    "{{cookiecutter.project_slug}}/core/tests/test_attacks_infra.py": 5,
    "config/sentry.py": 4,
    "conftest.py": 5,
    "{{cookiecutter.project_slug}}/core/tests/test_cache_redis.py": 4,
    "{{cookiecutter.project_slug}}/core/tests/test_graphql.py": 4,
    "{{cookiecutter.project_slug}}/core/tests/test_pages.py": 4,
    "{{cookiecutter.project_slug}}/users/services.py": 4,
    "{{cookiecutter.project_slug}}/core/api_root.py": 3,
    "{{cookiecutter.project_slug}}/core/apps.py": 3,
    "{{cookiecutter.project_slug}}/core/request_context.py": 3,
    "{{cookiecutter.project_slug}}/core/tests/test_attacks_identity.py": 3,
    "{{cookiecutter.project_slug}}/core/tests/test_health.py": 3,
    "{{cookiecutter.project_slug}}/reports/tests/test_worker.py": 3,
    # The credentials the benchmark signs in with are the api_auth answer's.
    "benchmarks/middleware_bench.py": 2,
    # The example app's endpoints and rows live in its own module (example_shop.py, example_cms.py): these
    # import it and call it, and give the users-only project its main list; with GraphQL it adds the
    # connections of bench_graphql.py (pruned with graphql=none).
    "benchmarks/api_bench.py": 8,
    # The example app's GraphQL queries beside the users one: an app's connections exist only with both
    # the app and GraphQL, and the bench's few query strings are not worth a module per pair.
    "benchmarks/bench_graphql.py": 4,
    "{{cookiecutter.project_slug}}/core/tests/test_attacks_parsing.py": 2,
    "{{cookiecutter.project_slug}}/core/tests/test_celery.py": 2,
    "{{cookiecutter.project_slug}}/core/tests/test_graphql_attacks.py": 2,
    "{{cookiecutter.project_slug}}/core/tests/test_openapi.py": 2,
    # Which settings modules the suite starts in their own interpreter follows the services chosen.
    "{{cookiecutter.project_slug}}/core/tests/settings_process.py": 3,
    "config/__init__.py": 1,
    # The Redis broker's transport options: a file of their own would make celery_broker add files,
    # which every preset must then name (docs/presets.md).
    "config/settings/components/celery.py": 1,
    # The test suite's broker knobs: only Redis has a visibility timeout to shorten for the crash test.
    "config/settings/components/celery_test.py": 2,
    "{{cookiecutter.project_slug}}/core/tests/statuses.py": 1,
    "{{cookiecutter.project_slug}}/core/tests/test_caching.py": 1,
    "{{cookiecutter.project_slug}}/reports/tests/crash_worker.py": 1,
    "{{cookiecutter.project_slug}}/users/tests/test_me_api.py": 1,
    "{{cookiecutter.project_slug}}/users/tests/test_sign_in_throttling.py": 1,
    "{{cookiecutter.project_slug}}/users/tests/test_user_cache.py": 1,
}


def conditionals(skeleton: Path = SKELETON_DIR) -> dict[str, int]:
    """{path relative to the skeleton: number of conditionals} for every Python file that has one."""
    counts = {}
    for path in sorted(skeleton.rglob("*.py")):
        count = len(CONDITIONAL.findall(path.read_text(encoding="utf-8")))
        if count:
            counts[path.relative_to(skeleton).as_posix()] = count
    return counts


def table(counts: dict[str, int]) -> str:
    """A Markdown table, largest count first, with the total."""
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    lines = ["| file | conditionals |", "|---|---:|"]
    lines += [f"| `{path}` | {count} |" for path, count in rows]
    lines.append(f"| total ({len(rows)} files) | {sum(counts.values())} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(table(conditionals()) + "\n")
