"""Refuse a bad answer before any file of the project is written.

Each ``validate_<option>`` checks one answer and raises ``ValueError`` whose
message names the option, the value, why it is refused and what is allowed.
``main`` prints the first refusal as one line and exits 1; cookiecutter then
removes the (still empty) output folder.
"""

from __future__ import annotations

import fnmatch
import json
import keyword
import re
import sys
import zoneinfo

# Rendered by cookiecutter; kept as a string so the module imports unrendered in tests.
RENDERED_ANSWERS = r"""{{ cookiecutter | tojson }}"""

# Top-level names the generated project imports or creates: a slug equal to one
# of them would shadow it.
RESERVED_NAMES = frozenset(
    {
        "bandit",
        "celery",
        "config",
        "core",
        "corsheaders",
        "csp",
        "detect_secrets",
        "django",
        "django_celery_beat",
        "django_filters",
        "django_redis",
        "docs",
        "drf_spectacular",
        "drf_spectacular_sidecar",
        "environ",
        "factory",
        "graphene",
        "graphene_django",
        "gunicorn",
        "hypothesis",
        "kombu",
        "media",
        "prometheus_client",
        "psycopg",
        "pytest",
        "pythonjsonlogger",
        "redis",
        "rest_framework",
        "rest_framework_simplejwt",
        "schemathesis",
        "sentry_sdk",
        "static",
        "strawberry",
        "strawberry_django",
        "test",
        "tests",
        "users",
        "whitenoise",
    }
)

# Combination rules: every answer that another answer refuses or makes moot, in this one table.
# A cookiecutter hook runs as a standalone script and cannot import a sibling module, so the table lives
# here; the template's test harness imports it from this file (tests/baking.py, is_sensible()).
#
# Each row: when every option of "when" has a value matching its pattern (fnmatch: "6.*" is any 6.x),
# - "refuse": a value of "option" matching one of "values" stops the bake; "why" may name answers in
#   braces ("{django_version}") and "allowed" says what to answer instead;
# - "ignore": "option" is not asked about: the skeleton reads it only when the condition is false, so
#   every value bakes the same project and the harness bakes only its default.
COMBINATION_RULES: tuple[dict, ...] = (
    {
        "kind": "refuse",
        "when": {"django_version": "6.*"},
        "option": "python_version",
        "values": ("3.10", "3.11"),
        "why": "Django {django_version} needs Python 3.12+",
        "allowed": "3.12 or later",
    },
    {
        "kind": "ignore",
        "when": {"task_queue": "none"},
        "option": "celery_broker",
        "why": "without a task queue there is no broker to choose",
    },
)


def rule_applies(rule: dict, answers: dict[str, str]) -> bool:
    """Whether every condition of a rule holds for these answers (an option missing from them fails it).

    Every condition is read, none short-circuited: tests/projection.py finds the options this hook reads by
    watching which answers it looks up."""
    held = [
        option in answers and fnmatch.fnmatchcase(answers[option], pattern) for option, pattern in rule["when"].items()
    ]
    return all(held)


def refused_value(rule: dict, value: str) -> bool:
    return any(fnmatch.fnmatchcase(value, pattern) for pattern in rule["values"])


SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
DOMAIN_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# PEP 440 public versions in canonical form (PEP 440, appendix B).
PEP440_CANONICAL = re.compile(
    r"^([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*"
    r"((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?$"
)
UNSAFE_TEXT = re.compile(r'["\\\x00-\x1f\x7f]')


def refuse(option: str, value: object, why: str, allowed: str) -> ValueError:
    return ValueError(f"{option}={value!r} is refused: {why}. Allowed: {allowed}.")


def validate_text(option: str, value: str) -> None:
    if not value.strip():
        raise refuse(option, value, "it is empty", "one line of text")
    if UNSAFE_TEXT.search(value):
        raise refuse(
            option,
            value,
            "it holds a double quote, a backslash or a control character",
            "one line of text without double quotes or backslashes",
        )


def validate_project_name(value: str) -> None:
    validate_text("project_name", value)
    if not any(character.isalpha() for character in value):
        why = "it has no letter to derive a package name from"
        raise refuse("project_name", value, why, "a name such as 'My Shop'")


def validate_project_slug(value: str) -> None:
    allowed = "a lowercase Python identifier such as 'my_shop' that names no module it would shadow"
    if not SLUG_PATTERN.match(value):
        raise refuse("project_slug", value, "it is not a lowercase Python identifier", allowed)
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        raise refuse("project_slug", value, "it is a Python keyword", allowed)
    if value in sys.stdlib_module_names:
        raise refuse("project_slug", value, "it shadows a standard-library module", allowed)
    if value in RESERVED_NAMES:
        raise refuse("project_slug", value, "it shadows a dependency or a folder of the project", allowed)


def validate_author_email(value: str) -> None:
    if not EMAIL_PATTERN.match(value):
        raise refuse("author_email", value, "it is not an email address", "name@example.com")


def validate_domain_name(value: str) -> None:
    allowed = "a bare host name such as api.example.com (no scheme, port or path)"
    if "://" in value or "/" in value or ":" in value:
        raise refuse("domain_name", value, "it holds a scheme, a port or a path", allowed)
    labels = value.split(".")
    if len(labels) < 2 or not all(DOMAIN_LABEL.match(label) for label in labels):
        raise refuse("domain_name", value, "it is not a lowercase dotted host name", allowed)


def validate_version(value: str) -> None:
    if not PEP440_CANONICAL.match(value):
        raise refuse("version", value, "it is not a canonical PEP 440 version", "e.g. 0.1.0, 1.0rc1, 2.3.post1")


def validate_timezone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise refuse("timezone", value, "no such IANA time zone", "a name such as UTC or Europe/Berlin") from None


def validate_combination(answers: dict[str, str]) -> None:
    """Apply the "refuse" rows of COMBINATION_RULES, in table order."""
    for rule in COMBINATION_RULES:
        if rule["kind"] != "refuse":
            continue
        option, applies = rule["option"], rule_applies(rule, answers)
        if refused_value(rule, answers[option]) and applies:
            raise refuse(option, answers[option], rule["why"].format(**answers), rule["allowed"])


def validate(answers: dict[str, str]) -> None:
    """Run every check; the first failure raises."""
    validate_project_name(answers["project_name"])
    for option in ("description", "author_name"):
        validate_text(option, answers[option])
    validate_project_slug(answers["project_slug"])
    validate_author_email(answers["author_email"])
    validate_domain_name(answers["domain_name"])
    validate_version(answers["version"])
    validate_timezone(answers["timezone"])
    validate_combination(answers)


def main(answers: dict[str, str]) -> int:
    try:
        validate(answers)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(json.loads(RENDERED_ANSWERS)))
