"""The exhaustive rendering layer: every rendering of every file, over every valid combination of choices.

    python -m tests.exhaustive          (or `make exhaustive`; exit status 1 on any failure)

Each file of the skeleton depends on a few choice options only (tests/projection.py works them out), so each file
is rendered over the product of those options' values and every distinct rendering is checked once:

1. Per rendering, in worker processes: no Jinja left; YAML, TOML and JSON parse; every skeleton path the text
   mentions, and every relative Markdown link, exists in the same combination.
2. Per distinct rendering, one batched process per tool: Python compiles under each interpreter it can run
   under (3.12 and/or 3.13, from python_version); `ruff check` and `ruff format --check` with the ruff settings of
   the same combination's pyproject.toml; hadolint, shellcheck, check-jsonschema (Compose, GitHub workflows and
   their timeouts, Dependabot, GitLab CI), kubernetes-validate --strict.
3. Cross-file, quantified over the product of only the options of the files involved: every import of a kept
   Python file resolves to a kept module of the project or to a distribution the same combination's
   pyproject.toml declares; every dotted path into the project named in a Python string (INSTALLED_APPS, URL
   includes, Celery task names, settings modules, LOGGING filters...) and every settings module named in any file
   exists in the same combination, and so does the attribute it names.

Free-text options are held at their defaults. Jenkinsfiles are linted by tests/test_artifacts.py (CodeNarc is too
slow to run per rendering); overlay-level kustomize checks also stay there.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import itertools
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# As a script (tests/exhaustive.py), a module (python -m tests.exhaustive) or under pytest: the tests folder's
# modules (projection, baking) import by their own names, as pytest's pythonpath has them.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import projection

HERE = Path(__file__).resolve().parent
SCRIPTS = Path(sysconfig.get_path("scripts"))
PYTHON_FACTS = HERE / "python_facts.py"

# Import names whose distribution is not the import name (lowercase, "_" for "-"). A name maps to every
# declared distribution that provides it, directly or as one of its own dependencies.
IMPORT_PROVIDERS: dict[str, frozenset[str]] = {
    "rest_framework": frozenset({"djangorestframework"}),
    "rest_framework_simplejwt": frozenset({"djangorestframework-simplejwt"}),
    "environ": frozenset({"django-environ"}),
    "django_filters": frozenset({"django-filter"}),
    "factory": frozenset({"factory-boy"}),
    "kombu": frozenset({"celery"}),
    "redis": frozenset({"redis", "django-redis", "celery[redis]"}),
    "graphene": frozenset({"graphene", "graphene-django"}),
    "graphql": frozenset({"graphql-core", "graphene-django", "strawberry-graphql"}),
    "strawberry": frozenset({"strawberry-graphql"}),
    # strawberry's views raise cross_web's HTTPException: the package comes with strawberry.
    "cross_web": frozenset({"cross-web", "strawberry-graphql"}),
    "strawberry_django": frozenset({"strawberry-graphql-django"}),
    "django_stubs_ext": frozenset({"django-stubs-ext", "django-stubs"}),
    "csp": frozenset({"django-csp"}),
    "corsheaders": frozenset({"django-cors-headers"}),
    "pythonjsonlogger": frozenset({"python-json-logger"}),
    "psycopg": frozenset({"psycopg", "psycopg[binary]"}),
    "yaml": frozenset({"pyyaml"}),
    "timezone_field": frozenset({"django-timezone-field"}),
}

# A Jinja expression, statement or comment, an opening statement tag, or a cookiecutter variable. (A bare "%}"
# or "{#" is not enough: f"{ratio:.1%}" and the shell's ${#array[@]} have them.)
JINJA_LEFTOVER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\bcookiecutter\.\w+|\{%")
FILE_SUFFIXES = frozenset({"py", "txt", "md", "yaml", "yml", "toml", "json", "cfg", "ini", "html", "sh", "lock"})
MARKDOWN_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")


@dataclass(frozen=True)
class Failure:
    check: str
    path: str  # the skeleton path (unrendered)
    combination: tuple[tuple[str, str], ...]  # the options that matter; every other option: any value
    message: str
    count: int = field(default=1, compare=False)  # how many projections fail the same way (the first is shown)

    def __str__(self) -> str:
        where = ", ".join(f"{name}={value}" for name, value in self.combination) or "every combination"
        more = f" [and {self.count - 1} more projections of this file]" if self.count > 1 else ""
        return f"[{self.check}] {self.path} ({where}; any other answers): {self.message}{more}"


def grouped(failures: Iterable[Failure]) -> list[Failure]:
    """One failure per (check, file, message): the first combination, and how many failed the same way."""
    first: dict[tuple[str, str, str], Failure] = {}
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for failure in failures:
        key = (failure.check, failure.path, failure.message)
        first.setdefault(key, failure)
        counts[key] += failure.count
    return [Failure(f.check, f.path, f.combination, f.message, counts[key]) for key, f in first.items()]


@dataclass
class Report:
    raw_combinations: int = 0
    valid_combinations: int = 0
    distinct_projects: int = 0
    files: int = 0
    renderings: int = 0
    distinct_renderings: int = 0
    linted: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"valid combinations: {self.valid_combinations:,} of {self.raw_combinations:,} "
            f"({self.distinct_projects:,} distinct projects: {'; '.join(self.ignored) or 'no answer is ignored'})",
            f"files: {self.files}",
            f"renderings: {self.renderings:,} (one per file per combination of the options it depends on)",
            f"distinct renderings checked: {self.distinct_renderings:,}",
            "linted: " + ", ".join(f"{kind} {count}" for kind, count in sorted(self.linted.items())),
            "time: " + ", ".join(f"{step} {seconds:.1f}s" for step, seconds in self.steps.items()),
            f"total: {self.seconds:.1f}s, {self.renderings / max(self.steps.get('render', 1e-9), 1e-9):,.0f} "
            "renderings/s in the render step",
            f"failures: {len(self.failures)}",
        ]
        return "\n".join(lines)


# --- Progress --------------------------------------------------------------------------------------------------


class Progress:
    """done / total and time left on stderr, at most every `every` seconds."""

    def __init__(self, label: str, total: int, enabled: bool, every: float = 2.0) -> None:
        self.label, self.total, self.enabled, self.every = label, total, enabled, every
        self.done = 0
        self.start = self.last = time.monotonic()

    def advance(self, amount: int) -> None:
        self.done += amount
        now = time.monotonic()
        if self.enabled and (now - self.last >= self.every or self.done >= self.total):
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            left = (self.total - self.done) / rate if rate else float("inf")
            print(
                f"  {self.label}: {self.done:,}/{self.total:,} ({100 * self.done / self.total:.0f}%), {left:.0f}s left",
                file=sys.stderr,
                flush=True,
            )


# --- Kinds of files ---------------------------------------------------------------------------------------------


def kind_of(output: str) -> str:
    name = output.rsplit("/", 1)[-1]
    if output.endswith(".py"):
        return "python"
    if name == "Dockerfile" or name.endswith(".Dockerfile"):
        return "dockerfile"
    if re.fullmatch(r"(docker-)?compose(\.[\w-]+)?\.ya?ml", name):
        return "compose"
    if output.startswith(".github/workflows/"):
        return "github-workflow"
    if output == ".github/dependabot.yml":
        return "dependabot"
    if output == ".gitlab-ci.yml":
        return "gitlab-ci"
    if output.startswith("k8s/") and name.endswith((".yaml", ".yml")):
        return "kustomization" if name.startswith("kustomization.") else "k8s-manifest"
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    if name.endswith(".toml"):
        return "toml"
    if name.endswith(".json"):
        return "json"
    if name.endswith((".sh", ".bash")):
        return "shell"
    return "text"


YAML_KINDS = {"compose", "github-workflow", "dependabot", "gitlab-ci", "kustomization", "k8s-manifest", "yaml"}
KEEP_CONTENT = {"python", "dockerfile", "shell", "toml", *YAML_KINDS}


def is_shell_script(output: str, text: str) -> bool:
    return kind_of(output) == "shell" or bool(re.match(r"#!\s*/(usr/)?bin/(env\s+)?(ba|da)?sh\b", text))


# --- The render step (worker processes) --------------------------------------------------------------------------


@dataclass
class Shared:
    """What every worker needs, computed once before the fork."""

    template: projection.Template
    mentionable: dict[str, re.Pattern[str]]  # output path -> how it is mentioned in text
    mention_regex: re.Pattern[str]
    allowed_jinja: dict[str, frozenset[str] | None]  # per file: text its source emits on purpose ({% raw %}); None: all
    always: frozenset[str]  # output paths (files and folders) that every combination writes
    mention_options: frozenset[str]  # the options that decide whether any mentionable path is written


_SHARED: Shared | None = None


def _projection_at(template: projection.Template, options: list[str], index: int) -> dict[str, str]:
    values = {}
    for name in reversed(options):
        choices = template.choice_options[name]
        index, position = divmod(index, len(choices))
        values[name] = choices[position]
    return {name: values[name] for name in options}


@dataclass
class ChunkResult:
    path: str
    start: int
    keys: list[tuple[str | None, bytes]]  # per projection index: (output, digest)
    contents: dict[bytes, bytes]  # digest -> bytes, for kinds checked later
    failures: list[Failure]


def _render_chunk(task: tuple[str, int, int]) -> ChunkResult:
    path, start, stop = task
    shared = _SHARED
    assert shared is not None
    template = shared.template
    options = template.ordered(template.dependencies[path])
    keys: list[tuple[str | None, bytes]] = []
    contents: dict[bytes, bytes] = {}
    failures: list[Failure] = []
    analysed: dict[bytes, tuple[list[str], list[str]]] = {}  # digest -> (problems, mentioned outputs)
    absent_cache: dict[tuple[object, ...], list[dict[str, str]]] = {}
    mention_results: dict[tuple[object, ...], list[tuple[str, dict[str, str]]]] = {}
    for index in range(start, stop):
        chosen = _projection_at(template, options, index)
        rendering = template.render(path, chosen)
        if rendering.output is None:
            keys.append((None, b""))
            continue
        digest = hashlib.blake2b(rendering.content, digest_size=12).digest()
        keys.append((rendering.output, digest))
        combination = tuple(chosen.items())
        if digest not in analysed:
            problems, mentioned = _analyse(shared, path, rendering.output, rendering.content)
            analysed[digest] = (problems, mentioned)
            failures += [Failure("content", path, combination, problem) for problem in problems]
            if kind_of(rendering.output) in KEEP_CONTENT or rendering.output == "pyproject.toml":
                contents[digest] = rendering.content
        mentioned = analysed[digest][1]
        if mentioned:
            key = (tuple(mentioned), tuple(chosen[name] for name in options if name in shared.mention_options))
            if key not in mention_results:
                mention_results[key] = [
                    (target, missing)
                    for target in mentioned
                    for missing in _absent(template, target, chosen, absent_cache)
                ]
            failures += [
                Failure(
                    "refers-to-pruned",
                    path,
                    tuple({**chosen, **missing}.items()),
                    f"mentions {target}, which this combination does not have",
                )
                for target, missing in mention_results[key]
            ]
    return ChunkResult(path, start, keys, contents, failures)


# Per worker and file: line -> (Jinja left on it, prunable paths it mentions, Markdown links on it). Renderings of
# one file share almost all their lines, so each distinct line is searched once.
_LINES: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = defaultdict(dict)
_MARKED: dict[str, set[str]] = defaultdict(set)  # per file: lines with anything on them


def _line_facts(shared: Shared, path: str, line: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    allowed = shared.allowed_jinja.get(path, frozenset())
    leftovers = tuple(
        match.group(0)
        for match in JINJA_LEFTOVER.finditer(line)
        if allowed is not None and not any(match.group(0) in raw for raw in allowed)
    )
    mentions = tuple(
        target
        for match in shared.mention_regex.finditer(line)
        if (target := match.group(0).strip("`").rstrip("/")) in shared.mentionable
    )
    links = tuple(match.group(1) for match in MARKDOWN_LINK.finditer(line))
    return leftovers, mentions, links


def _analyse(shared: Shared, path: str, output: str, content: bytes) -> tuple[list[str], list[str]]:
    """Problems of one rendering on its own, and the prunable paths it mentions."""
    problems: list[str] = []
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return [], []
    cache, marked = _LINES[path], _MARKED[path]
    lines = text.split("\n")
    unique = set(lines)
    for line in unique.difference(cache):
        cache[line] = facts = _line_facts(shared, path, line)
        if any(facts):
            marked.add(line)
    mentioned: set[str] = set()
    links: set[str] = set()
    for line in unique & marked:
        leftovers, mentions, found_links = cache[line]
        if leftovers:
            problems.append(f"line {lines.index(line) + 1}: Jinja left in the output: {leftovers[0]!r}")
        mentioned.update(mentions)
        links.update(found_links)
    mentioned.discard(output)
    if output.rsplit("/", 1)[-1].endswith("ignore"):  # .gitignore, .dockerignore: patterns, not references
        mentioned.clear()
    kind = kind_of(output)
    try:
        if kind in YAML_KINDS:
            list(yaml.safe_load_all(text))
        elif kind == "toml":
            tomllib.loads(text)
        elif kind == "json":
            json.loads(text)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        problems.append(f"does not parse as {kind}: {error}")
    if output.endswith(".md"):
        folder = output.rsplit("/", 1)[0] if "/" in output else ""
        for link in sorted(links):
            if "://" in link or link.startswith(("mailto:", "/")):
                continue
            target = os.path.normpath(f"{folder}/{link}" if folder else link).replace(os.sep, "/").rstrip("/")
            if target.startswith(".."):
                continue
            if target in shared.mentionable:
                mentioned.add(target)
            elif target not in shared.always:
                problems.append(f"links to {link}, which no combination has")
    return sorted(problems), sorted(mentioned)


def _absent(
    template: projection.Template, target: str, chosen: Mapping[str, str], cache: dict[tuple[object, ...], list]
) -> list[dict[str, str]]:
    """Assignments of the target's own options (beyond those fixed by `chosen`) under which it is not written."""
    providers, options = _target_options(template, target)
    fixed = tuple((name, chosen[name]) for name in options if name in chosen)
    key = (target, fixed)
    if key not in cache:
        free = [name for name in options if name not in chosen]
        missing = []
        for values in itertools.product(*(template.choice_options[name] for name in free)):
            extra = dict(zip(free, values, strict=True))
            full = {**dict(fixed), **extra}
            written = any(
                (out := template.output_path(p, full)) is not None and (out == target or out.startswith(target + "/"))
                for p in providers
            )
            if not written:
                missing.append(extra)
        cache[key] = missing
    return cache[key]


@functools.cache
def _target_options(template: projection.Template, target: str) -> tuple[list[str], list[str]]:
    providers = template_providers(template)[target]
    return providers, template.ordered(set().union(*(template_output_options(template, p) for p in providers)))


@functools.cache
def template_providers(template: projection.Template) -> dict[str, list[str]]:
    """Output path (file or folder) -> skeleton files that can write it or something under it."""
    providers: dict[str, set[str]] = defaultdict(set)
    for path in template.files:
        for out in all_outputs(template, path):
            parts = out.split("/")
            for depth in range(1, len(parts) + 1):
                providers["/".join(parts[:depth])].add(path)
    return {target: sorted(paths) for target, paths in providers.items()}


def template_output_options(template: projection.Template, path: str) -> tuple[str, ...]:
    return template._output_options(path)


@functools.cache
def all_outputs(template: projection.Template, path: str) -> frozenset[str]:
    options = list(template_output_options(template, path))
    found = set()
    for values in itertools.product(*(template.choice_options[name] for name in options)):
        out = template.output_path(path, dict(zip(options, values, strict=True)))
        if out is not None:
            found.add(out)
    return frozenset(found)


def build_shared(template: projection.Template) -> Shared:
    always: set[str] = set()
    sometimes: set[str] = set()
    providers = template_providers(template)
    for target, paths in providers.items():
        options = template.ordered(set().union(*(template_output_options(template, p) for p in paths)))
        is_always = all(
            any(
                (out := template.output_path(p, dict(zip(options, values, strict=True)))) is not None
                and (out == target or out.startswith(target + "/"))
                for p in paths
            )
            for values in itertools.product(*(template.choice_options[name] for name in options))
        )
        (always if is_always else sometimes).add(target)
    # A prunable path is looked for when written with a folder part or an extension, or as a known file name.
    # A bare name (Dockerfile) counts only as code (`Dockerfile`): as a word it is prose about the tool.
    plain = sorted((t for t in sometimes if "/" in t or "." in t), key=len, reverse=True)
    bare = sorted((t for t in sometimes if "/" not in t and "." not in t and t[:1].isupper()), key=len, reverse=True)
    mentionable = {target: re.compile(re.escape(target)) for target in [*plain, *bare]}
    regex = re.compile(
        r"(?<![\w./-])(?:"
        + "|".join(map(re.escape, plain))
        + r")/?(?![\w-]|\.\w|/\w)"
        + (r"|`(?:" + "|".join(map(re.escape, bare)) + r")`" if bare else "")
    )
    allowed = {}
    for path in template.files:
        if template.copied_verbatim(path):
            allowed[path] = None  # copied as is (_copy_without_render, binary): whatever it holds is meant
            continue
        source = (template.skeleton / path).read_text(encoding="utf-8")
        raws = re.findall(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", source, re.S)
        if raws:
            allowed[path] = frozenset(raws)
    mention_options = frozenset(name for target in mentionable for name in _target_options(template, target)[1])
    return Shared(template, mentionable, regex, allowed, frozenset(always), mention_options)


def _init_worker(shared: Shared) -> None:
    global _SHARED
    _SHARED = shared


def render_all(
    template: projection.Template, paths: list[str], workers: int, progress: bool
) -> tuple[dict[str, list[tuple[str | None, bytes]]], dict[tuple[str, bytes], bytes], list[Failure]]:
    shared = build_shared(template)
    tasks = []
    chunk = 3000
    for path in paths:
        total = template.product_size(template.dependencies[path])
        tasks += [(path, start, min(start + chunk, total)) for start in range(0, total, chunk)]
    tasks.sort(key=lambda task: task[1] - task[2])
    total = sum(stop - start for _path, start, stop in tasks)
    meter = Progress("render", total, progress)
    keys: dict[str, list] = {path: [None] * template.product_size(template.dependencies[path]) for path in paths}
    contents: dict[tuple[str, bytes], bytes] = {}
    failures: list[Failure] = []

    def take(result: ChunkResult) -> None:
        keys[result.path][result.start : result.start + len(result.keys)] = result.keys
        contents.update({(result.path, digest): content for digest, content in result.contents.items()})
        failures.extend(result.failures)
        meter.advance(len(result.keys))

    if workers > 1 and len(tasks) > 1:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_init_worker, initargs=(shared,)) as pool:
            for result in pool.imap_unordered(_render_chunk, tasks):
                take(result)
    else:
        _init_worker(shared)
        for task in tasks:
            take(_render_chunk(task))
    return keys, contents, failures


# --- Tables of renderings -------------------------------------------------------------------------------------


@dataclass
class Table:
    """Per file, per projection index: (output, digest); the projection's options in cookiecutter.json order."""

    template: projection.Template
    keys: dict[str, list[tuple[str | None, bytes]]]
    contents: dict[tuple[str, bytes], bytes]
    _distinct: dict[tuple[str, bytes], tuple[str, list[dict[str, str]]]] | None = None

    def options(self, path: str) -> list[str]:
        return self.template.ordered(self.template.dependencies[path])

    def index(self, path: str, chosen: Mapping[str, str]) -> int:
        index = 0
        for name in self.options(path):
            choices = self.template.choice_options[name]
            index = index * len(choices) + choices.index(chosen[name])
        return index

    def at(self, path: str, chosen: Mapping[str, str]) -> tuple[str | None, bytes]:
        return self.keys[path][self.index(path, chosen)]

    def items(self, path: str) -> Iterator[tuple[dict[str, str], str | None, bytes]]:
        options = self.options(path)
        for index, (output, digest) in enumerate(self.keys[path]):
            yield _projection_at(self.template, options, index), output, digest

    def distinct(self) -> dict[tuple[str, bytes], tuple[str, list[dict[str, str]]]]:
        """(path, digest) -> (output, projections producing it); computed once."""
        if self._distinct is None:
            self._distinct = self._collect_distinct()
        return self._distinct

    def _collect_distinct(self) -> dict[tuple[str, bytes], tuple[str, list[dict[str, str]]]]:
        found: dict[tuple[str, bytes], tuple[str, list[dict[str, str]]]] = {}
        for path in self.keys:
            for chosen, output, digest in self.items(path):
                if output is not None:
                    found.setdefault((path, digest), (output, []))[1].append(chosen)
        return found


def extensions(template: projection.Template, chosen: Mapping[str, str], options: Iterable[str]) -> Iterator[dict]:
    """Every assignment of `options` that agrees with `chosen` where both have a value."""
    free = [name for name in template.ordered(set(options)) if name not in chosen]
    for values in itertools.product(*(template.choice_options[name] for name in free)):
        yield {**chosen, **dict(zip(free, values, strict=True))}


# --- Linters --------------------------------------------------------------------------------------------------


def tool(name: str) -> str:
    path = SCRIPTS / name
    found = str(path) if path.is_file() else shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} is not installed in the template's environment (uv sync --frozen)")
    return found


@dataclass
class Laid:
    """A rendering written into the lint tree."""

    path: str
    digest: bytes
    output: str
    projections: list[dict[str, str]]


def python_versions(template: projection.Template, projections: list[dict[str, str]]) -> list[str]:
    values = {p["python_version"] for p in projections if "python_version" in p}
    return sorted(values) if values else list(template.choice_options["python_version"])


def lay_out(
    template: projection.Template, table: Table, root: Path
) -> tuple[dict[str, list[Laid]], dict[Path, Laid], list[Failure]]:
    """Write each distinct rendering once per python_version it can meet, into slots keeping real relative paths.

    root/py<version>/s<slot>/<output path>; each slot holds a pyproject.toml rendered for that python_version, so
    ruff applies the project's own settings, per-file-ignores globs and isort sections as in a bake.
    """
    failures: list[Failure] = []
    by_kind: dict[str, list[Laid]] = defaultdict(list)
    where: dict[Path, Laid] = {}
    slots: dict[tuple[str, str], int] = defaultdict(int)
    slot_roots: set[tuple[str, int]] = set()
    for (path, digest), (output, projections) in table.distinct().items():
        kind = kind_of(output)
        content = table.contents.get((path, digest))
        if content is None:
            continue
        laid = Laid(path, digest, output, projections)
        versions = python_versions(template, projections) if kind == "python" else ["any"]
        for version in versions:
            slot = slots[(version, output)]
            slots[(version, output)] += 1
            slot_roots.add((version, slot))
            target = root / f"py{version}" / f"s{slot:04d}" / output
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            where[target] = laid
            if kind == "python":
                by_kind[f"python{version}"].append(laid)
        text = content.decode("utf-8", errors="replace")
        by_kind[kind].append(laid)
        if kind != "shell" and is_shell_script(output, text):
            by_kind["shell"].append(laid)
    # ruff settings: the same for every pyproject.toml rendering of a python_version, or the layer cannot lay out.
    ruff_settings: dict[str, str] = {}
    for chosen, _output, digest in table.items("pyproject.toml"):
        parsed = tomllib.loads(table.contents[("pyproject.toml", digest)].decode())
        settings = json.dumps(
            {"ruff": parsed.get("tool", {}).get("ruff"), "requires": parsed["project"].get("requires-python")},
            sort_keys=True,
        )
        version = chosen.get("python_version", template.defaults["python_version"])
        previous = ruff_settings.setdefault(str(version), settings)
        if previous != settings:
            failures.append(
                Failure(
                    "layout",
                    "pyproject.toml",
                    tuple(chosen.items()),
                    "ruff settings vary with more than python_version",
                )
            )
    for version, slot in slot_roots:
        if version == "any":
            continue
        chosen = {"python_version": version} if "python_version" in template.dependencies["pyproject.toml"] else {}
        chosen = next(extensions(template, chosen, template.dependencies["pyproject.toml"]))
        pyproject = table.contents[("pyproject.toml", table.at("pyproject.toml", chosen)[1])]
        slot_root = root / f"py{version}" / f"s{slot:04d}"
        (slot_root / "pyproject.toml").write_bytes(pyproject)
    return by_kind, where, failures


def run_tool(command: list[str], cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, cwd=cwd, input=stdin)


def lint(
    template: projection.Template, by_kind: dict[str, list[Laid]], where: dict[Path, Laid], root: Path
) -> tuple[list[Failure], dict[str, int], dict[str, dict]]:
    """Every linter once over its files, the processes run side by side. Returns failures, counts, Python facts."""
    reverse: dict[tuple[str, bytes], list[Path]] = defaultdict(list)
    for tree_path, laid in where.items():
        reverse[(laid.path, laid.digest)].append(tree_path)

    def files_of(kind: str, version: str = "any") -> list[Path]:
        return [
            p for laid in by_kind.get(kind, []) for p in reverse[(laid.path, laid.digest)] if f"/py{version}/" in str(p)
        ]

    jobs: dict[str, tuple[list[str], list[Path], str | None]] = {}
    py_files = {version: files_of(f"python{version}", version) for version in template.choice_options["python_version"]}
    project_tops = sorted(
        {out.split("/")[0].removesuffix(".py") for out in template_providers(template) if out.endswith(".py")}
    )
    newest = max(template.choice_options["python_version"], key=lambda v: tuple(map(int, v.split("."))))
    for version, files in py_files.items():
        interpreter = projection_interpreter(version)
        request = {
            "project": project_tops,
            "files": [
                {"path": str(p), "module": module_of(where[p].output), "facts": version == newest} for p in files
            ],
        }
        jobs[f"compile{version}"] = ([interpreter, str(PYTHON_FACTS)], files, json.dumps(request))
    every_py = [p for files in py_files.values() for p in files]
    ruff_roots = sorted({str(root / f"py{v}") for v, files in py_files.items() if files})
    if ruff_roots:  # a run limited to files that are not Python lays out no Python tree
        jobs["ruff-check"] = (
            [tool("ruff"), "check", "--no-cache", "--output-format", "concise", *ruff_roots],
            every_py,
            None,
        )
        jobs["ruff-format"] = ([tool("ruff"), "format", "--check", "--no-cache", *ruff_roots], every_py, None)
    linters = {
        "hadolint": ("dockerfile", [tool("hadolint"), "--failure-threshold", "warning", "--no-color"]),
        "shellcheck": ("shell", [tool("shellcheck"), "--severity=style"]),
        "compose-spec": ("compose", [tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec"]),
        "github-workflows": (
            "github-workflow",
            [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows"],
        ),
        "github-timeouts": (
            "github-workflow",
            [tool("check-jsonschema"), "--builtin-schema", "custom.github-workflows-require-timeout"],
        ),
        "dependabot": ("dependabot", [tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot"]),
        "gitlab-ci": ("gitlab-ci", [tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci"]),
        "kubernetes-validate": ("k8s-manifest", [tool("kubernetes-validate"), "--strict", "--quiet"]),
    }
    counts = {f"python {v}": len(files) for v, files in py_files.items()}
    for name, (kind, command) in linters.items():
        files = files_of(kind)
        counts[name] = len(files)
        if files:
            jobs[name] = ([*command, *map(str, files)], files, None)
    failures: list[Failure] = []
    facts: dict[str, dict] = {}
    running = {
        name: subprocess.Popen(
            command,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, (command, _files, stdin) in jobs.items()
    }
    for name, process in running.items():
        stdout, stderr = process.communicate(jobs[name][2], timeout=1200)
        files = jobs[name][1]
        if name.startswith("compile"):
            report = json.loads(stdout) if process.returncode == 0 else {}
            if process.returncode != 0:
                failures.append(Failure(name, "-", (), f"the compile helper failed: {stderr[-2000:]}"))
            for tree_path, result in report.items():
                laid = where[Path(tree_path)]
                if result["error"]:
                    failures.append(_failure(template, name, laid, result["error"]))
                elif "imports" in result:
                    facts[tree_path] = result
            continue
        if process.returncode == 0:
            continue
        output = stdout + stderr
        blamed = False
        for tree_path in files:
            lines = [line for line in output.splitlines() if str(tree_path) in line]
            if lines:
                blamed = True
                text = "\n".join(line.replace(str(tree_path), where[tree_path].output) for line in lines[:20])
                failures.append(_failure(template, name, where[tree_path], text))
        if not blamed:
            failures.append(Failure(name, "-", (), f"exit {process.returncode}:\n{output[-3000:]}"))
    return failures, counts, facts


def _failure(template: projection.Template, check: str, laid: Laid, message: str) -> Failure:
    first = laid.projections[0]
    extra = (
        f" (and {len(laid.projections) - 1} other projections with the same bytes)" if len(laid.projections) > 1 else ""
    )
    return Failure(check, laid.path, tuple(first.items()), message + extra)


def projection_interpreter(version: str) -> str:
    import baking

    found = baking.find_interpreter(version)
    if found is None:
        raise FileNotFoundError(f"no Python {version} interpreter (pyenv versions or python{version} on PATH)")
    return str(found)


def module_of(output: str) -> str:
    parts = output.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


# --- Cross-file checks ----------------------------------------------------------------------------------------


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@functools.cache
def declared(pyproject: bytes) -> tuple[frozenset[str], frozenset[str]]:
    """Distributions declared by a pyproject.toml: (runtime, runtime + dev), with 'name[extra]' entries too."""
    # Only the tables that declare dependencies are parsed (the whole file is parsed once per rendering elsewhere).
    segments = re.split(r"(?m)^(?=\[)", pyproject.decode())
    wanted = [part for part in segments if re.match(r"\[(project|dependency-groups)\]", part)]
    parsed = tomllib.loads("".join(wanted))

    def names(requirements: Iterable[str]) -> set[str]:
        found = set()
        for requirement in requirements:
            match = re.match(r"\s*([A-Za-z0-9._-]+)(\[([^\]]*)\])?", requirement)
            if match:
                name = normalise(match.group(1))
                found.add(name)
                found |= {f"{name}[{extra.strip()}]" for extra in (match.group(3) or "").split(",") if extra.strip()}
        return found

    runtime = names(parsed["project"].get("dependencies", []))
    dev = set()
    for group in parsed.get("dependency-groups", {}).values():
        dev |= names(item for item in group if isinstance(item, str))
    return frozenset(runtime), frozenset(runtime | dev)


def is_test_code(output: str) -> bool:
    return "/tests/" in f"/{output}" or output.rsplit("/", 1)[-1] == "conftest.py" or output.startswith("benchmarks/")


def is_demo_seed(output: str) -> bool:
    """An app's demo seed (``<app>/seed.py``): ``seed_demo`` loads it by name (``AppConfig.demo_seed``)
    inside ``try/except ModuleNotFoundError`` and names the missing dev dependency, so it may use the
    dev group (factory-boy), as tests do."""
    return output.rsplit("/", 1)[-1] == "seed.py"


class CrossChecker:
    def __init__(
        self, template: projection.Template, table: Table, facts_by_key: dict[tuple[str, bytes], dict]
    ) -> None:
        self.template = template
        self.table = table
        self.facts = facts_by_key
        self.providers = template_providers(template)
        self.project_tops = {out.split("/")[0].removesuffix(".py") for out in self.providers if out.endswith(".py")}
        self.failures: list[Failure] = []
        self._declared_cache: dict[tuple, tuple[frozenset[str], frozenset[str]]] = {}
        self._module_cache: dict[tuple, list[dict[str, str]]] = {}

    def run(self) -> list[Failure]:
        self.dev_modules = self.dev_only_modules()
        for path in self.table.keys:
            for chosen, output, digest in self.table.items(path):
                if output is None or (path, digest) not in self.facts:
                    continue
                self.check_file(path, chosen, output, self.facts[(path, digest)])
        return sorted(set(self.failures), key=str)

    def dev_only_modules(self) -> set[str]:
        """Project modules imported only under try/except ImportError: development tools (seed data needs
        factory-boy), which may use the dev dependency group like tests do."""
        guarded: set[str] = set()
        plain: set[str] = set()
        for (path, _digest), facts in self.facts.items():
            for module, names, _lineno, guard in facts["imports"]:
                targets = {module, *(f"{module}.{name}" for name in names)}
                if guard == "optional":
                    guarded |= targets
                elif not is_test_code(path):
                    plain |= targets
        return guarded - plain

    def fail(self, check: str, path: str, chosen: Mapping[str, str], message: str) -> None:
        self.failures.append(Failure(check, path, tuple(self.template.ordered_items(chosen)), message))

    # declared distributions guaranteed for every combination agreeing with `chosen`
    def guaranteed(self, chosen: Mapping[str, str]) -> tuple[frozenset[str], frozenset[str]]:
        deps = self.template.dependencies["pyproject.toml"]
        fixed = tuple((name, chosen[name]) for name in self.template.ordered(deps) if name in chosen)
        if fixed not in self._declared_cache:
            runtime: frozenset[str] | None = None
            everything: frozenset[str] | None = None
            for full in extensions(self.template, dict(fixed), deps):
                _output, digest = self.table.at("pyproject.toml", full)
                r, e = declared(self.table.contents[("pyproject.toml", digest)])
                runtime = r if runtime is None else runtime & r
                everything = e if everything is None else everything & e
            self._declared_cache[fixed] = (runtime or frozenset(), everything or frozenset())
        return self._declared_cache[fixed]

    def module_files(self, module: str) -> list[str]:
        """Outputs that can hold the module: a/b.py, a/b/__init__.py, or a namespace folder a/b."""
        base = module.replace(".", "/")
        return [out for out in (f"{base}.py", f"{base}/__init__.py", base) if out in self.providers]

    def _relevant(self, sources: Iterable[str], chosen: Mapping[str, str], content: bool) -> tuple[list[str], dict]:
        """The options that decide the sources' outputs (and contents), and chosen's values for them."""
        options: set[str] = set()
        for source in sources:
            options |= (
                self.template.dependencies[source] if content else set(template_output_options(self.template, source))
            )
        ordered = self.template.ordered(options)
        return ordered, {name: chosen[name] for name in ordered if name in chosen}

    def missing_module(self, module: str, chosen: Mapping[str, str]) -> list[dict[str, str]]:
        """Combinations (extending chosen on the providers' options) where the module is not written."""
        candidates = self.module_files(module)
        sources = sorted({source for out in candidates for source in self.providers[out]})
        _options, fixed = self._relevant(sources, chosen, content=False)
        key = ("module", module, tuple(fixed.items()))
        if key not in self._module_cache:
            self._module_cache[key] = self._missing_module(module, fixed)
        return [{**chosen, **extra} for extra in self._module_cache[key]]

    def _missing_module(self, module: str, chosen: Mapping[str, str]) -> list[dict[str, str]]:
        candidates = self.module_files(module)
        if not candidates:
            return [dict(chosen)]
        sources = sorted({source for out in candidates for source in self.providers[out]})
        options = set().union(*(template_output_options(self.template, s) for s in sources))
        missing = []
        for full in extensions(self.template, chosen, options):
            written = any(
                (out := self.template.output_path(source, full)) is not None
                and any(out == c or out.startswith(c + "/") for c in candidates)
                for source in sources
            )
            if not written:
                missing.append(full)
        return missing

    def defines(self, module: str, name: str, chosen: Mapping[str, str]) -> list[dict[str, str]]:
        """Combinations where the (written) module does not define `name` (nor has it as a submodule)."""
        if self.module_files(f"{module}.{name}"):
            return self.missing_module(f"{module}.{name}", chosen)
        sources = [source for out in self.module_files(module) if out.endswith(".py") for source in self.providers[out]]
        _options, fixed = self._relevant(sources, chosen, content=True)
        key = ("defines", module, name, tuple(fixed.items()))
        if key not in self._module_cache:
            self._module_cache[key] = self._defines(module, name, fixed)
        return [{**chosen, **extra} for extra in self._module_cache[key]]

    def _defines(self, module: str, name: str, chosen: Mapping[str, str]) -> list[dict[str, str]]:
        sources = [source for out in self.module_files(module) if out.endswith(".py") for source in self.providers[out]]
        bad = []
        for source in sources:
            if source not in self.table.keys:  # a run limited to some files: the others were not rendered
                continue
            for full in extensions(self.template, chosen, self.template.dependencies[source]):
                output, digest = self.table.at(source, full)
                if output is None or module_of(output) != module:
                    continue
                facts = self.facts.get((source, digest))
                if facts is None:
                    continue
                if not facts["star"] and name not in facts["names"]:
                    bad.append(full)
        return bad

    def check_file(self, path: str, chosen: dict[str, str], output: str, facts: dict) -> None:
        test_code = is_test_code(output) or is_demo_seed(output) or module_of(output) in self.dev_modules
        for module, names, lineno, guard in facts["imports"]:
            if guard == "optional" or not module:
                continue
            top = module.split(".")[0]
            if top in sys.stdlib_module_names or top == "__future__":
                continue
            sibling = self.script_sibling(output, module)
            if sibling:
                module, top = sibling, sibling.split(".")[0]
            if top in self.project_tops:
                for full in self.missing_module(module, chosen):
                    self.fail("import", path, full, f"line {lineno}: imports {module}, which this combination lacks")
                for name in names:
                    if self.module_files(f"{module}.{name}"):
                        for full in self.missing_module(f"{module}.{name}", chosen):
                            self.fail("import", path, full, f"line {lineno}: imports {module}.{name}, not written")
                    else:
                        for full in self.defines(module, name, chosen):
                            self.fail("import", path, full, f"line {lineno}: {module} does not define {name}")
                continue
            self.check_distribution(
                path, chosen, top, f"line {lineno}: imports {module}", test_code or guard == "typing"
            )
        for value, lineno in facts["strings"]:
            self.check_dotted(path, chosen, value, lineno)
        for value, lineno in facts["apps"]:
            top = value.split(".")[0]
            if top in self.project_tops or top in sys.stdlib_module_names or top == "django":
                if top == "django" or top in sys.stdlib_module_names:
                    continue
                continue  # checked as a dotted string above
            self.check_distribution(path, chosen, top, f"line {lineno}: INSTALLED_APPS has {value}", False)

    def script_sibling(self, output: str, module: str) -> str:
        """A script's import of a module beside it (benchmarks/ runs as scripts, with their folder first on
        sys.path): that module's dotted path from the project root, or "" when the import is not one."""
        folder = output.rpartition("/")[0]
        if not folder or f"{folder}/__init__.py" in self.providers:
            return ""
        package = folder.replace("/", ".")
        return f"{package}.{module}" if self.module_files(f"{package}.{module.split('.')[0]}") else ""

    def check_distribution(self, path: str, chosen: dict[str, str], top: str, what: str, dev: bool) -> None:
        providers = IMPORT_PROVIDERS.get(top, frozenset({normalise(top)}))
        runtime, everything = self.guaranteed(chosen)
        available = everything if dev else runtime
        if providers & available:
            return
        # Which extensions lack it: report each pyproject projection agreeing with chosen that lacks a provider.
        deps = self.template.dependencies["pyproject.toml"]
        for full in extensions(self.template, chosen, deps):
            _output, digest = self.table.at("pyproject.toml", full)
            r, e = declared(self.table.contents[("pyproject.toml", digest)])
            if not providers & (e if dev else r):
                group = "dependencies or dev group" if dev else "[project] dependencies"
                self.fail(
                    "undeclared-import",
                    path,
                    full,
                    f"{what}, but pyproject.toml's {group} declare none of {sorted(providers)}",
                )
                return

    def check_dotted(self, path: str, chosen: dict[str, str], value: str, lineno: int) -> None:
        """`a.b.c.name`: the longest module prefix must be written, and define the rest's first name."""
        parts = value.split(".")
        if parts[-1] in FILE_SUFFIXES:  # "manage.py" names a file, not a module attribute
            return
        for cut in range(len(parts), 0, -1):
            module = ".".join(parts[:cut])
            if self.module_files(module):
                break
        else:
            self.fail("dotted-path", path, chosen, f"line {lineno}: {value} names no module of any combination")
            return
        for full in self.missing_module(module, chosen):
            self.fail("dotted-path", path, full, f"line {lineno}: names {value}, but {module} is not written")
        if cut < len(parts):
            for full in self.defines(module, parts[cut], chosen):
                self.fail("dotted-path", path, full, f"line {lineno}: names {value}: {module} has no {parts[cut]}")


def _ordered_items(self: projection.Template, chosen: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(name, chosen[name]) for name in self.choice_options if name in chosen]


projection.Template.ordered_items = _ordered_items  # type: ignore[attr-defined]


def settings_modules_in_text(table: Table, template: projection.Template) -> list[Failure]:
    """Every `config.settings.X` named in any kept non-Python file exists (Python files: check_dotted)."""
    failures = []
    pattern = re.compile(r"\bconfig\.settings\.(\w+)")
    known = {out for out in template_providers(template) if out.startswith("config/settings/")}
    for (path, digest), (output, projections) in table.distinct().items():
        content = table.contents.get((path, digest))
        if content is None or output.endswith(".py"):
            continue
        for match in pattern.finditer(content.decode("utf-8", errors="replace")):
            if f"config/settings/{match.group(1)}.py" not in known:
                failures.append(
                    Failure("settings-module", path, tuple(projections[0].items()), f"names {match.group(0)}")
                )
    return failures


def ignore_rules(template: projection.Template) -> list[dict]:
    """The hook's "ignore" rows of COMBINATION_RULES whose options this template has."""
    return [
        rule
        for rule in template.pre_hook.COMBINATION_RULES
        if rule["kind"] == "ignore" and {rule["option"], *rule["when"]} <= set(template.choice_options)
    ]


def describe(rule: dict) -> str:
    condition = " and ".join(f"{name}={pattern}" for name, pattern in rule["when"].items())
    return f"{rule['option']} is ignored when {condition}"


def ignored_options(template: projection.Template, table: Table) -> list[Failure]:
    """Each ignored answer is true to its rule: where the rule holds, every file is byte-identical across the
    ignored option's values."""
    failures = []
    for rule in ignore_rules(template):
        option, condition = rule["option"], rule["when"]
        for path in table.keys:
            deps = template.dependencies[path]
            if option not in deps:
                continue
            if not set(condition) <= deps:
                failures.append(Failure("ignored-option", path, (), f"depends on {option} whatever {describe(rule)}"))
                continue
            seen: dict[tuple, tuple] = {}
            for chosen, output, digest in table.items(path):
                if not template.pre_hook.rule_applies(rule, chosen):
                    continue
                key = tuple((name, value) for name, value in chosen.items() if name != option)
                if seen.setdefault(key, (output, digest)) != (output, digest):
                    message = f"differs by {option}, though {describe(rule)}"
                    failures.append(Failure("ignored-option", path, tuple(chosen.items()), message))
    return failures


def ignored_combinations(template: projection.Template, rule: dict) -> int:
    """Valid combinations where the rule holds and the ignored option is not at its default."""
    restriction = {
        name: {value for value in template.choice_options[name] if fnmatch.fnmatchcase(value, pattern)}
        for name, pattern in rule["when"].items()
    }
    restriction[rule["option"]] = set(template.choice_options[rule["option"]][1:])
    return template.count_valid(restriction)


# --- The layer ------------------------------------------------------------------------------------------------


def run(
    root: Path = projection.TEMPLATE_DIR,
    *,
    paths: list[str] | None = None,
    workers: int | None = None,
    progress: bool = True,
    log: Callable[[str], None] | None = None,
) -> Report:
    """Run the layer on a template (a copy, in the planted-bug test). `paths` limits it to some files."""
    started = time.monotonic()
    say = log or (lambda message: print(message, file=sys.stderr, flush=True))
    report = Report()
    step_start = time.monotonic()
    template = projection.Template(Path(root))
    chosen_paths = list(template.files) if paths is None else list(paths)
    if paths is not None and "pyproject.toml" not in chosen_paths:
        # Files are laid out per project by its pyproject.toml, and the Python checks read its dependencies.
        chosen_paths.append("pyproject.toml")
    report.raw_combinations = template.raw_combinations
    report.valid_combinations = template.valid_combinations
    report.files = len(chosen_paths)
    report.renderings = sum(template.product_size(template.dependencies[p]) for p in chosen_paths)
    report.steps["analyse"] = time.monotonic() - step_start
    say(f"exhaustive: {report.files} files, {report.renderings:,} renderings to make")

    step_start = time.monotonic()
    keys, contents, failures = render_all(template, chosen_paths, workers or min(2, os.cpu_count() or 1), progress)
    table = Table(template, keys, contents)
    distinct = table.distinct()
    report.distinct_renderings = len(distinct)
    report.failures += failures
    report.steps["render"] = time.monotonic() - step_start

    step_start = time.monotonic()
    ignore_failures = ignored_options(template, table)
    report.failures += ignore_failures
    report.distinct_projects = report.valid_combinations
    report.ignored = [describe(rule) for rule in ignore_rules(template)]
    if not ignore_failures:
        # Two ignore rows that overlap would be subtracted twice; with one row (today) this is exact.
        report.distinct_projects -= sum(ignored_combinations(template, rule) for rule in ignore_rules(template))
    scratch = Path(tempfile.mkdtemp(prefix="prodev-exhaustive-"))
    try:
        by_kind, where, layout_failures = lay_out(template, table, scratch)
        report.failures += layout_failures
        say(f"exhaustive: linting {len(where):,} laid-out files in one process per tool")
        lint_failures, report.linted, facts = lint(template, by_kind, where, scratch)
        report.failures += lint_failures
    finally:
        # Thousands of small folders: rm removes them in the background while the cross-file checks run.
        subprocess.Popen(["rm", "-rf", "--", str(scratch)])
    report.steps["lint"] = time.monotonic() - step_start

    step_start = time.monotonic()
    facts_by_key = {}
    for tree_path, result in facts.items():
        laid = where[Path(tree_path)]
        facts_by_key[(laid.path, laid.digest)] = result
    report.failures += CrossChecker(template, table, facts_by_key).run()
    report.failures += settings_modules_in_text(table, template)
    report.steps["cross-file"] = time.monotonic() - step_start
    report.failures = grouped(report.failures)
    report.seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=projection.TEMPLATE_DIR, help="template folder")
    parser.add_argument("--workers", type=int, default=None, help="render processes (default: 2)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument("paths", nargs="*", help="only these skeleton files (default: all)")
    arguments = parser.parse_args(argv)
    report = run(arguments.root, paths=arguments.paths or None, workers=arguments.workers, progress=not arguments.quiet)
    for failure in report.failures[:200]:
        print(failure)
    if len(report.failures) > 200:
        print(f"... and {len(report.failures) - 200} more failures")
    print(report.summary())
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
