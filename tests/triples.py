"""The triple layer's combinations: every three values of any three options that change Python code or what
``uv sync`` installs, in a strength-3 covering array.

Which options those are is derived, not listed: an option counts when some Python file of the skeleton (its
bytes or its existence) depends on it, per ``projection.file_dependencies()``, or when it changes what ``uv
sync`` reads from the skeleton's ``pyproject.toml`` (dependencies, dependency groups, requires-python, the
``[tool.uv]`` table). The second part is found by rendering ``pyproject.toml`` over every combination of the
options it depends on: its license and metadata lines depend on answers that install nothing.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

import baking
import nwise
from projection import file_dependencies, render_file

STRENGTH = 3
PYPROJECT = baking.SKELETON_DIR / "pyproject.toml"
# The parts of pyproject.toml that `uv sync` installs from: (table, key) paths into the parsed document.
INSTALL_KEYS: tuple[tuple[str, ...], ...] = (
    ("project", "requires-python"),
    ("project", "dependencies"),
    ("project", "optional-dependencies"),
    ("dependency-groups",),
    ("tool", "uv"),
)
JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")


def _file_name(skeleton_path: str) -> str:
    """The name a skeleton path gets once rendered, enough to tell a .py file (its Jinja tags dropped)."""
    return PurePosixPath(JINJA.sub("", skeleton_path)).name


def rendered_pyproject(**answers: str) -> str:
    """The skeleton's pyproject.toml rendered with these choices (the others at their defaults), byte for byte
    what a bake writes (projection.render_file)."""
    path = PYPROJECT.relative_to(baking.SKELETON_DIR).as_posix()
    choices = {**baking.DEFAULT_CHOICES, **answers}
    return render_file(path, {name: choices[name] for name in file_dependencies()[path]}).content.decode()


def _install_view(text: str) -> str:
    document = tomllib.loads(text)
    view = {}
    for path in INSTALL_KEYS:
        node: object = document
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        view[".".join(path)] = node
    return json.dumps(view, sort_keys=True)


def options_changing_installs(candidates: Iterable[str]) -> frozenset[str]:
    """The choice options among ``candidates`` that change what ``uv sync`` installs: rendered over every
    combination of the candidates, some two renderings that differ only in the option install differently."""
    names = [name for name in baking.CHOICE_OPTIONS if name in set(candidates)]
    views = {}
    for values in itertools.product(*(baking.CHOICE_OPTIONS[name] for name in names)):
        views[values] = _install_view(rendered_pyproject(**dict(zip(names, values, strict=True))))
    changing = set()
    for position, name in enumerate(names):
        seen: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for values, view in views.items():
            seen[values[:position] + values[position + 1 :]].add(view)
        if any(len(distinct) > 1 for distinct in seen.values()):
            changing.add(name)
    return frozenset(changing)


# Set by tests/conftest.py from pytest's cache, or from the xdist controller: deriving takes seconds.
_known: tuple[str, ...] | None = None


def inputs_digest() -> str:
    """A digest of everything python_options() is derived from: cookiecutter.json, the hooks, the derivation
    code and every file of the skeleton (path and bytes)."""
    digest = hashlib.sha256()
    here = baking.TEMPLATE_DIR / "tests"
    sources = [baking.COOKIECUTTER_JSON, *sorted((baking.TEMPLATE_DIR / "hooks").glob("*.py"))]
    sources += [here / "projection.py", here / "triples.py"]
    sources += sorted(path for path in baking.SKELETON_DIR.rglob("*") if path.is_file())
    for path in sources:
        digest.update(str(path.relative_to(baking.TEMPLATE_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def use_known_options(names: Iterable[str]) -> None:
    """Take python_options() from an earlier derivation over the same inputs (same inputs_digest())."""
    global _known
    _known = tuple(names)
    python_options.cache_clear()
    rows.cache_clear()
    environment_count.cache_clear()


@functools.cache
def python_options() -> dict[str, tuple[str, ...]]:
    """The choice options that change Python code or dependencies, in cookiecutter.json's order."""
    if _known is not None:
        return {name: values for name, values in baking.CHOICE_OPTIONS.items() if name in _known}
    return derive_python_options()


def derive_python_options() -> dict[str, tuple[str, ...]]:
    used: set[str] = set()
    for path, options in file_dependencies().items():
        name = _file_name(path)
        if name.endswith(".py"):
            used |= options
        elif name == "pyproject.toml" and PurePosixPath(JINJA.sub("", path)).parent.name in {"", "."}:
            used |= options_changing_installs(options)
        elif name == "pyproject.toml":
            used |= options
    return {name: values for name, values in baking.CHOICE_OPTIONS.items() if name in used}


@functools.cache
def rows() -> tuple[baking.Combination, ...]:
    """The strength-3 covering array over python_options(), under the combination rules."""
    return tuple(nwise.covering_array(python_options(), STRENGTH, baking.is_sensible))


def environment_key(pyproject_text: str, python_version: str) -> str:
    """One environment per distinct dependency set: the rendered pyproject.toml and the interpreter series."""
    return hashlib.sha256(f"{python_version}\n{pyproject_text}".encode()).hexdigest()[:16]


def row_environment_key(row: Mapping[str, str]) -> str:
    answers = {**baking.DEFAULT_CHOICES, **row}
    return environment_key(rendered_pyproject(**row), answers["python_version"])


@functools.cache
def environment_count() -> int:
    return len({row_environment_key(row) for row in rows()})
