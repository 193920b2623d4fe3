"""Refuse bad answers before any file of the project is written.

Each ``validate_<option>`` checks one answer and raises ``ValueError`` whose
message names the option, the value, why it is refused and what is allowed.
``main`` runs every check, prints every refusal (one line each) in a framed
block with the command that re-runs the bake without typing the answers again,
and exits 1; cookiecutter then removes the (still empty) output folder.
"""

from __future__ import annotations

import fnmatch
import json
import keyword
import os
import re
import shlex
import sys
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
    {
        "kind": "refuse",
        "when": {"example_app": "none", "task_queue": "none", "cache": "none"},
        "option": "starter_mode",
        "values": ("exercises",),
        "why": "with no example app, no task queue and no Redis cache there is no marked region to cut",
        "allowed": "solution, or exercises with example_app, task_queue=celery or cache=redis",
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


def checks(answers: dict[str, str]) -> list[Callable[[], None]]:
    """One call per rule, in the order of the prompts."""
    return [
        lambda: validate_project_name(answers["project_name"]),
        lambda: validate_project_slug(answers["project_slug"]),
        lambda: validate_text("description", answers["description"]),
        lambda: validate_text("author_name", answers["author_name"]),
        lambda: validate_author_email(answers["author_email"]),
        lambda: validate_domain_name(answers["domain_name"]),
        lambda: validate_version(answers["version"]),
        lambda: validate_timezone(answers["timezone"]),
        lambda: validate_combination(answers),
    ]


def refusals(answers: dict[str, str]) -> list[str]:
    """Every refused answer, one message each (empty when all pass)."""
    messages = []
    for check in checks(answers):
        try:
            check()
        except ValueError as error:
            messages.append(str(error))
    return messages


def validate(answers: dict[str, str]) -> None:
    """Run every check; raise one ValueError holding every refusal, one per line."""
    messages = refusals(answers)
    if messages:
        raise ValueError("\n".join(messages))


# --- how to re-run: the replay file cookiecutter wrote before this hook, or the answers as key=value ---------

RULE = "=" * 78


@dataclass(frozen=True)
class Run:
    """What this hook can learn of the cookiecutter command that runs it."""

    argv: tuple[str, ...] = ()  # cookiecutter's arguments (read from /proc: Linux only)
    repo_dir: Path | None = None  # the template folder: cookiecutter runs hooks from inside it
    user_cwd: Path | None = None  # where the user typed the command ($PWD, inherited)

    @classmethod
    def current(cls) -> Run:
        user_cwd = Path(os.environ["PWD"]) if Path(os.environ.get("PWD", "/nonexistent")).is_dir() else None
        proc = Path(f"/proc/{os.getppid()}")
        try:
            argv = tuple((proc / "cmdline").read_bytes().decode().split("\0")[:-1])
            repo = (proc / "cwd").readlink()
        except (OSError, UnicodeDecodeError):
            return cls(user_cwd=user_cwd)
        return cls(argv=argv, repo_dir=repo, user_cwd=user_cwd)

    def option(self, name: str) -> str | None:
        for index, argument in enumerate(self.argv):
            if argument == name and index + 1 < len(self.argv):
                return self.argv[index + 1]
            if argument.startswith(name + "="):
                return argument.split("=", 1)[1]
        return None


def replay_file(answers: dict[str, str], run: Run) -> Path | None:
    """The replay file cookiecutter saved these answers in (before this hook ran), if found and holding them."""
    try:
        from cookiecutter.config import get_user_config
    except ImportError:
        return None
    config_file = run.option("--config-file")
    if config_file is not None and run.user_cwd is not None:
        config_file = str(run.user_cwd / config_file)
    try:
        config = get_user_config(config_file=config_file, default_config="--default-config" in run.argv)
    except Exception:  # any unreadable config: fall back to the key=value form
        return None
    # cookiecutter names the file after the template folder as given (a symbolic link keeps its own name).
    names = []
    if run.user_cwd is not None:
        names.append(Path(os.path.normpath(run.user_cwd / answers.get("_repo_dir", "."))).name)
    if run.repo_dir is not None:
        names.append(run.repo_dir.name)
    for name in dict.fromkeys(names):
        candidate = Path(config["replay_dir"]) / f"{name}.json"
        try:
            saved = json.loads(candidate.read_text(encoding="utf-8"))["cookiecutter"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        same = all(saved.get(key) == value for key, value in answers.items() if not key.startswith("_"))
        if same and saved.get("_output_dir") == answers.get("_output_dir"):
            return candidate
    return None


def config_refusals(run: Run) -> list[str]:
    """A preset (--config-file) with a misspelt option or a choice that is not offered: cookiecutter would
    ignore the one and only warn about the other, baking the defaults, so refuse both here."""
    given = run.option("--config-file")
    if given is None or run.repo_dir is None:
        return []
    path = run.user_cwd / given if run.user_cwd is not None else Path(given)
    try:
        from cookiecutter.config import get_config

        preset = get_config(str(path)).get("default_context") or {}
        options = json.loads((run.repo_dir / "cookiecutter.json").read_text(encoding="utf-8"))
    except Exception:  # an unreadable file has already stopped cookiecutter; nothing more to say
        return []
    import difflib  # only here: a bake without a preset file never pays for it

    names = [name for name in options if not name.startswith("_")]
    messages = []
    for key, value in preset.items():
        if key not in names:
            # A shared config may hold other templates' keys (full_name, github_username): only a near miss
            # of an option's name is a typo.
            near = difflib.get_close_matches(key, names, n=1, cutoff=0.8)
            if near:
                why = f"{given} names no option, only one close to {near[0]} (cookiecutter would ignore it)"
                messages.append(str(refuse(key, value, why, near[0])))
        elif isinstance(options[key], list) and value not in options[key]:
            why = f"{given} gives a value that is not one of the choices (cookiecutter would bake the default)"
            messages.append(str(refuse(key, value, why, ", ".join(options[key]))))
    return messages


def template_defaults(run: Run, **given: str) -> dict[str, object]:
    """The answers --no-input would give with these answers (a derived default follows them)."""
    if run.repo_dir is None:
        return {}
    try:
        from cookiecutter.generate import generate_context
        from cookiecutter.prompt import prompt_for_config

        if str(run.repo_dir) not in sys.path:
            sys.path.append(str(run.repo_dir))  # cookiecutter.json's _extensions names local_extensions
        context_file = str(run.repo_dir / "cookiecutter.json")
        context = generate_context(context_file=context_file, extra_context=given)
        return dict(prompt_for_config(context, no_input=True))
    except Exception:  # unknown defaults: every answer goes on the command line
        return {}


def location_arguments(answers: dict[str, str], run: Run) -> list[str]:
    """--checkout and --output-dir as the first run had them, then the template as the user gave it."""
    arguments = []
    if answers.get("_checkout"):
        arguments += ["--checkout", str(answers["_checkout"])]
    output_dir = answers.get("_output_dir")
    if output_dir and Path(output_dir) != run.user_cwd:
        arguments += ["--output-dir", str(output_dir)]
    return [*arguments, str(answers.get("_template", "<template>"))]


def rerun_instructions(answers: dict[str, str], run: Run) -> list[str]:
    where = location_arguments(answers, run)
    saved = replay_file(answers, run)
    if saved is not None:
        return [
            f"Your answers are saved in {saved}.",
            'Correct the refused ones in its "cookiecutter" section, then re-run:',
            "  " + shlex.join(["cookiecutter", "--replay-file", str(saved), *where]),
        ]
    # An answer is left out when it is the default, or the default derived from the other answers (project_slug).
    defaults = template_defaults(run)
    raw = (
        json.loads((run.repo_dir / "cookiecutter.json").read_text(encoding="utf-8"))
        if defaults and run.repo_dir
        else {}
    )
    jinja = "{" + "{"  # spelt apart: this file is itself rendered by Jinja
    given = {key: answers[key] for key, value in raw.items() if key in answers and jinja not in str(value)}
    derived = template_defaults(run, **given)
    # cookiecutter.json's order (the rendered answers come sorted), then any key it lacks.
    keys = [key for key in {**defaults, **answers} if key in answers and not key.startswith("_")]
    pairs = [
        f"{key}={answers[key]}"
        for key in keys
        if answers[key] != defaults.get(key) and (key in given or answers[key] != derived.get(key))
    ]
    return [
        "Re-run with your answers on the command line, correcting the refused ones:",
        "  " + shlex.join(["cookiecutter", "--no-input", *where, *pairs]),
    ]


def report(messages: list[str], answers: dict[str, str], run: Run) -> str:
    """The framed block printed when answers are refused."""
    count = f"{len(messages)} answer{'s' if len(messages) > 1 else ''}"
    lines = [
        RULE,
        f"cookiecutter-prodev-backend refused {count}; no file was written:",
        *(f"  - {message}" for message in messages),
        "",
        *rerun_instructions(answers, run),
        "(The traceback cookiecutter prints below only says that this check stopped the bake.)",
        RULE,
    ]
    return "\n".join(lines)


def main(answers: dict[str, str]) -> int:
    run = Run.current()
    messages = refusals(answers) + config_refusals(run)
    if messages:
        print(report(messages, answers, run), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(json.loads(RENDERED_ANSWERS)))
