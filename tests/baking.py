"""Bake projects from this template: its options, the combinations to test, and the project environment.

Everything here is derived from ``cookiecutter.json``: an option added there is picked up by every
combination, id and test with no change in this file.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from allpairspy import AllPairs
from cookiecutter.generate import generate_context
from cookiecutter.main import cookiecutter
from cookiecutter.prompt import prompt_for_config

from hooks.pre_gen_project import COMBINATION_RULES, refused_value, rule_applies

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
COOKIECUTTER_JSON = TEMPLATE_DIR / "cookiecutter.json"
SKELETON_DIR = TEMPLATE_DIR / "{{cookiecutter.project_slug}}"

OPTIONS: dict[str, object] = json.loads(COOKIECUTTER_JSON.read_text())

# Every multiple-choice option, in the order cookiecutter.json lists it; the first value is the default.
CHOICE_OPTIONS: dict[str, tuple[str, ...]] = {
    name: tuple(values) for name, values in OPTIONS.items() if isinstance(values, list) and not name.startswith("_")
}
# Every free-text option (its default may be a Jinja expression, as project_slug's is).
TEXT_OPTIONS: tuple[str, ...] = tuple(
    name for name, value in OPTIONS.items() if isinstance(value, str) and not name.startswith("_")
)
DEFAULT_CHOICES: dict[str, str] = {name: values[0] for name, values in CHOICE_OPTIONS.items()}

# Options that cannot change what the generated code does at run time: the integration layer
# (uv environment + generated test suite) does not multiply by them. Keep this list small.
# docker, kubernetes and ci write deployment files only; tests/test_artifacts.py lints every combination of them.
NO_RUNTIME_EFFECT: frozenset[str] = frozenset({"open_source_license", "init_git", "docker", "kubernetes", "ci"})
# Options that change run-time code but whose other values make the generated suite fail on purpose: the
# integration layer holds them at their default, and a dedicated test proves what they promise instead.
# starter_mode=exercises cuts solution regions out, so its suite must fail exactly the tests EXERCISES.md lists
# (tests/test_starter.py runs each course preset both ways). In the covering array it would also have grown
# every integration run by the rows its pairs need, each a full suite that is expected to fail.
OWN_TEST_OPTIONS: dict[str, str] = {"starter_mode": "tests/test_starter.py"}
RUNTIME_OPTIONS: dict[str, tuple[str, ...]] = {
    name: values
    for name, values in CHOICE_OPTIONS.items()
    if name not in NO_RUNTIME_EFFECT and name not in OWN_TEST_OPTIONS
}

Combination = dict[str, str]


def is_sensible(combination: Mapping[str, str]) -> bool:
    """Whether a (possibly partial) combination of choices is worth baking, by the hook's COMBINATION_RULES.

    Generators call this with partial rows, so a rule is applied only when the options it names are present:
    - a "refuse" row rules out what the pre-gen hook refuses;
    - an "ignore" row keeps only the default of an option that the other answers make moot (celery_broker
      when task_queue=none): its other values would bake the same project again. The exhaustive layer
      (tests/exhaustive.py) proves every file is byte-identical across brokers there, and counts those
      combinations as valid (the hook accepts them) but not as distinct projects.
    """
    for rule in COMBINATION_RULES:
        if not rule_applies(rule, combination):
            continue
        option = rule["option"]
        if rule["kind"] == "refuse" and option in combination and refused_value(rule, combination[option]):
            return False
        if rule["kind"] == "ignore" and combination.get(option, DEFAULT_CHOICES[option]) != DEFAULT_CHOICES[option]:
            return False
    return True


def covering_set(options: Mapping[str, tuple[str, ...]] = CHOICE_OPTIONS) -> list[Combination]:
    """All pairs of choice values (a covering array), the all-defaults row first.

    allpairspy is greedy: it finds smaller arrays when the options with the most values come first, so it
    works on them in that order; rows keep cookiecutter.json's order for readable ids.
    """
    names = list(options)
    defaults = {name: options[name][0] for name in names}
    if len(names) < 2:
        return every_combination(options)
    widest_first = sorted(names, key=lambda name: -len(options[name]))

    def sensible(row: list[str]) -> bool:
        return is_sensible(dict(zip(widest_first, row, strict=False)))

    rows = AllPairs(
        OrderedDict((name, list(options[name])) for name in widest_first),
        filter_func=sensible,
        previously_tested=[[defaults[name] for name in widest_first]],
    )
    covering = [defaults] + [{name: row._asdict()[name] for name in names} for row in rows]
    return covering + _missing_pairs_packed(options, covering)


def _missing_pairs_packed(options: Mapping[str, tuple[str, ...]], covering: list[Combination]) -> list[Combination]:
    """Under a filter, allpairspy's greedy search can leave pairs out: pack them into as few extra rows as
    their values allow, every other option at its default."""
    defaults = {name: values[0] for name, values in options.items()}
    packed: list[dict[str, str]] = []  # per extra row, only the values chosen on purpose
    for (first, second), (first_value, second_value) in _pairs(options):
        wanted = {first: first_value, second: second_value}
        if any(all(row[name] == value for name, value in wanted.items()) for row in covering):
            continue
        if any(all(chosen.get(name) == value for name, value in wanted.items()) for chosen in packed):
            continue
        for chosen in packed:
            compatible = all(chosen.get(name, value) == value for name, value in wanted.items())
            if compatible and is_sensible({**defaults, **chosen, **wanted}):
                chosen.update(wanted)
                break
        else:
            if is_sensible({**defaults, **wanted}):
                packed.append(dict(wanted))
    return [{**defaults, **chosen} for chosen in packed]


def _pairs(options: Mapping[str, tuple[str, ...]]) -> Iterable[tuple[tuple[str, str], tuple[str, str]]]:
    names = list(options)
    for index, first in enumerate(names):
        for second in names[index + 1 :]:
            for pair in itertools.product(options[first], options[second]):
                yield (first, second), pair


def every_combination(options: Mapping[str, tuple[str, ...]] = CHOICE_OPTIONS) -> list[Combination]:
    """The full product of choice values (the exhaustive layer, tests/exhaustive.py, never bakes it)."""
    names = list(options)
    rows = (dict(zip(names, row, strict=True)) for row in itertools.product(*options.values()))
    return [row for row in rows if is_sensible(row)]


def combinations(options: Mapping[str, tuple[str, ...]] = CHOICE_OPTIONS) -> list[Combination]:
    """The combinations the bake layers run: the covering set of all pairs."""
    return covering_set(options)


def combination_id(combination: Mapping[str, str]) -> str:
    """A readable test id: ``python_version=3.12-django_version=6.1-...``."""
    return "-".join(f"{name}={value}" for name, value in combination.items())


def short_name(combination: Mapping[str, str]) -> str:
    """A short identifier safe for folder and database names, unique per combination."""
    return hashlib.sha256(combination_id(combination).encode()).hexdigest()[:10]


def rendered_context(**answers: str) -> dict[str, str]:
    """The answers cookiecutter would use with --no-input, Jinja defaults (project_slug) rendered."""
    if str(TEMPLATE_DIR) not in sys.path:  # cookiecutter.json's _extensions names local_extensions, as cookiecutter
        sys.path.append(str(TEMPLATE_DIR))  # itself does while it prompts
    context = generate_context(context_file=str(COOKIECUTTER_JSON), extra_context=answers)
    return dict(prompt_for_config(context, no_input=True))


@functools.cache
def cookiecutter_config_file() -> Path:
    """A private cookiecutter config, so bakes neither read ~/.cookiecutterrc nor write replays in $HOME."""
    home = Path(tempfile.mkdtemp(prefix="prodev-cookiecutter-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    config = home / "config.yaml"
    config.write_text(f'cookiecutters_dir: "{home / "cookiecutters"}"\nreplay_dir: "{home / "replay"}"\n')
    return config


def bake(output_dir: Path, **answers: str) -> Path:
    """Render the template with --no-input and these answers; return the project folder."""
    project = cookiecutter(
        str(TEMPLATE_DIR),
        no_input=True,
        extra_context=answers,
        output_dir=str(output_dir),
        config_file=str(cookiecutter_config_file()),
    )
    return Path(project)


def cookiecutter_command(output_dir: Path, *overrides: str) -> list[str]:
    """The real ``cookiecutter`` command line, as a user types it, with ``key=value`` overrides."""
    return [
        sys.executable,
        "-m",
        "cookiecutter",
        "--no-input",
        "--config-file",
        str(cookiecutter_config_file()),
        "--output-dir",
        str(output_dir),
        str(TEMPLATE_DIR),
        *overrides,
    ]


def run_cookiecutter_cli(output_dir: Path, *overrides: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``cookiecutter`` command line, as a user would, with ``key=value`` overrides."""
    command = cookiecutter_command(output_dir, *overrides)
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines of a .env file (comments and blank lines skipped)."""
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def text_files(project: Path) -> Iterable[tuple[Path, str]]:
    """Every UTF-8 text file of a project (its .git folder and virtualenv excluded)."""
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project).parts
        if not path.is_file() or relative[0] in {".git", ".venv"}:
            continue
        try:
            yield path, path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue


# --- The generated project's environment -------------------------------------------------------------------

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def fail_or_skip(reason: str) -> None:
    """A missing prerequisite skips on a developer's machine and fails in CI, where it must be there."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: every prerequisite must be present)", pytrace=False)
    pytest.skip(reason)


@functools.cache
def _tcp_refusal(host: str, port: int) -> str | None:
    """Why nothing accepts TCP connections at host:port (None when something does); asked once per process."""
    try:
        with socket.create_connection((host, port), timeout=3):
            return None
    except OSError as error:
        return str(error)


def require_service(name: str, host: str, port: int) -> None:
    """Skip (fail in CI) with one line naming the service when it is not accepting connections."""
    refusal = _tcp_refusal(host, port)
    if refusal is not None:
        fail_or_skip(f"{name} is not accepting connections at {host}:{port} ({refusal})")


# Variables of this harness's own process that must not leak into the generated project's commands.
# PYTHONDONTWRITEBYTECODE too: without .pyc files every manage.py call recompiles Django from source.
LEAKY_VARIABLES = re.compile(
    r"^(VIRTUAL_ENV|UV_PROJECT_ENVIRONMENT|PYTHONPATH|PYTHONHOME|PYTHONDONTWRITEBYTECODE|DJANGO_.*|DATABASE_URL|"
    r"REDIS_URL|CELERY_.*|PYTEST_.*|COV_CORE_.*|COVERAGE_.*)$"
)


def clean_environment(**extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not LEAKY_VARIABLES.match(name)}
    env.update(extra)
    return env


def uv_executable() -> str | None:
    """uv as ``uv run`` exposes it, else on PATH, else the copy the Makefile bootstraps into .tools/."""
    for candidate in (os.environ.get("UV"), shutil.which("uv"), str(TEMPLATE_DIR / ".tools" / "bin" / "uv")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def uv_cache_dir() -> Path:
    """One uv cache shared by every bake, worker and run (uv locks it for concurrent use)."""
    configured = os.environ.get("PRODEV_UV_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "prodev-uv"


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in path.name.split("."))


def find_interpreter(python_version: str) -> Path | None:
    """An installed CPython for a ``3.X`` series, never a pyenv shim: pyenv's versions, then PATH."""
    roots = [os.environ.get("PYENV_ROOT"), str(Path.home() / ".pyenv")]
    for root in filter(None, roots):
        found = sorted(Path(root, "versions").glob(f"{python_version}.*"), key=_version_key, reverse=True)
        for prefix in found:
            interpreter = prefix / "bin" / f"python{python_version}"
            if interpreter.is_file():
                return interpreter
    on_path = shutil.which(f"python{python_version}")
    if on_path and "shims" not in Path(on_path).parts:
        return Path(on_path)
    return None


def tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


@dataclass(frozen=True)
class Outcome:
    """What a command did: whether it succeeded, its output, and a report fit for an assertion message."""

    ok: bool
    stdout: str
    report: str


def run(command: list[str], *, cwd: Path, env: Mapping[str, str], timeout: int = 900) -> Outcome:
    try:
        result = subprocess.run(
            command, cwd=cwd, env=dict(env), capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        output = error.stdout.decode(errors="replace") if isinstance(error.stdout, bytes) else error.stdout or ""
        return Outcome(False, output, f"$ {' '.join(command)}\ntimed out after {timeout}s\n{tail(output)}")
    report = (
        f"$ {' '.join(command)}  (in {cwd}, exit {result.returncode})\n"
        f"--- stdout (tail) ---\n{tail(result.stdout)}\n--- stderr (tail) ---\n{tail(result.stderr)}"
    )
    return Outcome(result.returncode == 0, result.stdout, report)
