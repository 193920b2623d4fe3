"""Per-file projections of the template: which choice options each file's bytes depend on, and its rendering.

A file of the skeleton is written by cookiecutter from its own content and path (both Jinja templates) and then
kept or pruned by the post-generation hook. Its bytes therefore depend only on

- the options its content and its path reference (``cookiecutter.X``, ``cookiecutter["X"]``,
  ``cookiecutter.get("X", ...)``, including inside ``{% set %}`` aliases and the templates it includes or imports
  from ``templates/``, recursively), and
- the options of the ``KEEP_ONLY_WHEN`` rows of hooks/post_gen_project.py that cover its path (and
  ``open_source_license`` for ``licenses/*.txt``, one of which the hook moves to ``LICENSE``).

``file_dependencies()`` works that set out from the Jinja AST, so each file can be rendered over the product of
just those options' values (its *projections*) instead of over every combination. A template that uses the
``cookiecutter`` object in any other way (``cookiecutter | tojson``, ``cookiecutter.items()``, a computed key,
a per-bake key such as ``_output_dir``) makes the analysis fail loudly: it could depend on anything.

Free-text options (project_name, project_slug, author_name, ...) are held at their defaults: the projections
range over the multiple-choice options only. Rendering uses cookiecutter's own Jinja environment
(``StrictEnvironment`` with the ``_extensions`` of cookiecutter.json, ``keep_trailing_newline``, the loader paths
of ``generate_files``), ``_copy_without_render``, its binary-file rule and its newline handling, so a rendering
here is byte-for-byte what ``cookiecutter`` writes (tests/test_exhaustive.py bakes samples to prove it).
"""

from __future__ import annotations

import fnmatch
import functools
import importlib.util
import itertools
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from binaryornot.check import is_binary
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config
from cookiecutter.utils import create_env_with_context
from jinja2 import Environment, FileSystemLoader, nodes

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
SKELETON_NAME = "{{cookiecutter.project_slug}}"
# cookiecutter's loader looks here after the skeleton: FileSystemLoader(['.', '../templates']).
INCLUDE_DIR_NAME = "templates"

# Keys cookiecutter adds to the context per bake (output folder, template path...): a file using them would differ
# from bake to bake in ways no projection captures.
PER_BAKE_KEYS = frozenset({"_template", "_output_dir", "_repo_dir", "_checkout"})

Projection = dict[str, str]


class DependencyError(Exception):
    """A template uses the ``cookiecutter`` object in a way the analysis cannot bound."""


@dataclass(frozen=True)
class Rendering:
    """One file as cookiecutter writes it for one projection, after the hook: None means not in the project."""

    source: str  # path in the skeleton, unrendered
    output: str | None  # path in the baked project (after the hook's moves), or None when pruned / not written
    content: bytes
    mode: int


class Template:
    """A cookiecutter template on disk: its options, skeleton, hooks, environment and per-file analysis."""

    def __init__(self, root: Path = TEMPLATE_DIR) -> None:
        self.root = Path(root).resolve()
        self.skeleton = self.root / SKELETON_NAME
        self.include_dir = self.root / INCLUDE_DIR_NAME
        self.json = json.loads((self.root / "cookiecutter.json").read_text())
        self.choice_options: dict[str, tuple[str, ...]] = {
            name: tuple(values)
            for name, values in self.json.items()
            if isinstance(values, list) and not name.startswith("_")
        }
        self.text_options = tuple(
            name for name, value in self.json.items() if isinstance(value, str) and not name.startswith("_")
        )
        context = generate_context(context_file=str(self.root / "cookiecutter.json"))
        answers = prompt_for_config(context, no_input=True)
        self.defaults: dict[str, object] = dict(answers)
        self.copy_without_render: tuple[str, ...] = tuple(self.json.get("_copy_without_render", ()))
        self.env: Environment = create_env_with_context({"cookiecutter": self.defaults})
        self.env.loader = FileSystemLoader([str(self.skeleton), str(self.include_dir)])
        self.post_hook = _load_module(self.root / "hooks" / "post_gen_project.py", f"post_gen_{id(self)}")
        self.pre_hook = _load_module(self.root / "hooks" / "pre_gen_project.py", f"pre_gen_{id(self)}")
        self._check_text_defaults()

    # --- the skeleton ------------------------------------------------------------------------------------------

    @functools.cached_property
    def files(self) -> tuple[str, ...]:
        """Every file of the skeleton, relative to it, unrendered, in cookiecutter's walk order (sorted)."""
        found = []
        for folder, dirs, names in os.walk(self.skeleton):
            dirs.sort()
            found += [Path(folder, name).relative_to(self.skeleton).as_posix() for name in sorted(names)]
        return tuple(sorted(found))

    def context(self, projection: Mapping[str, str]) -> dict[str, object]:
        """Cookiecutter's context for these choices, every other answer at its default."""
        if not projection.keys() <= self.choice_options.keys():
            unknown = set(projection) - set(self.choice_options)
            raise KeyError(f"not choice options of cookiecutter.json: {sorted(unknown)}")
        return {"cookiecutter": {**self.defaults, **projection}}

    def full_answers(self, projection: Mapping[str, str]) -> dict[str, object]:
        return {**self.defaults, **projection}

    # --- dependency analysis -----------------------------------------------------------------------------------

    def _check_text_defaults(self) -> None:
        """A free-text default computed from a choice (``{{ cookiecutter.ci }}``) would break 'held at defaults'."""
        for name in self.text_options:
            referenced, _ = self._references_in_source(self.json[name], f"cookiecutter.json:{name}")
            choices = referenced & set(self.choice_options)
            if choices:
                raise DependencyError(f"the default of {name} depends on choice options {sorted(choices)}")

    def _references_in_source(self, source: str, where: str) -> tuple[set[str], set[str]]:
        """Keys of ``cookiecutter`` that a template source reads, and the templates it includes (loader names)."""
        try:
            tree = self.env.parse(source)
        except Exception as error:
            raise DependencyError(f"{where}: cannot parse as Jinja: {error}") from error
        keys: set[str] = set()
        includes: set[str] = set()
        _visit(tree, keys, includes, where, self)
        per_bake = keys & PER_BAKE_KEYS
        if per_bake:
            raise DependencyError(f"{where}: uses per-bake keys {sorted(per_bake)}")
        return keys, includes

    def include_candidates(self, expression: nodes.Expr, where: str) -> set[str]:
        """The loader names an include/import expression can evaluate to (constant parts matched literally)."""
        pattern = "".join(_name_pattern(expression))
        regex = re.compile(f"^{pattern}$")
        found = set()
        for base in (self.skeleton, self.include_dir):
            if base.is_dir():
                for path in base.rglob("*"):
                    name = path.relative_to(base).as_posix()
                    if path.is_file() and regex.match(name):
                        found.add(name)
        if not found:
            raise DependencyError(f"{where}: include/import of {pattern!r} matches no template")
        return found

    @functools.cache  # noqa: B019 (one Template per root, alive for the run)
    def _template_keys(self, name: str, stack: tuple[str, ...] = ()) -> frozenset[str]:
        """Keys read by a loader template (skeleton or templates/), its includes followed recursively."""
        if name in stack:
            raise DependencyError(f"include cycle: {' -> '.join((*stack, name))}")
        source, _filename, _uptodate = self.env.loader.get_source(self.env, name)
        keys, includes = self._references_in_source(source, name)
        for included in includes:
            keys |= self._template_keys(included, (*stack, name))
        return frozenset(keys)

    @functools.cached_property
    def content_keys(self) -> dict[str, frozenset[str]]:
        """Per file: keys its content reads (empty when cookiecutter copies it without rendering)."""
        return {path: frozenset() if self.copied_verbatim(path) else self._template_keys(path) for path in self.files}

    @functools.cached_property
    def path_keys(self) -> dict[str, frozenset[str]]:
        return {path: frozenset(self._references_in_source(path, f"path {path}")[0]) for path in self.files}

    @functools.cached_property
    def keep_options(self) -> dict[str, frozenset[str]]:
        """Per file: the options of the hook's KEEP_ONLY_WHEN rows (and license move) that decide whether it stays."""
        slug = str(self.defaults["project_slug"])
        rows = [
            (option, [path.format(slug=slug) for path in paths])
            for option, _keep, paths in self.post_hook.KEEP_ONLY_WHEN
        ]
        licenses = self.post_hook.LICENSES_DIR
        result = {}
        for path in self.files:
            options = set()
            path_choices = sorted(self.path_keys[path] & set(self.choice_options))
            for projection in self._product(path_choices):
                rendered = self.render_path(path, projection)
                for option, prefixes in rows:
                    if any(rendered == prefix or rendered.startswith(prefix + "/") for prefix in prefixes):
                        options.add(option)
                if rendered.startswith(licenses + "/"):
                    options.add("open_source_license")
            result[path] = frozenset(options)
        return result

    @functools.cached_property
    def dependencies(self) -> dict[str, frozenset[str]]:
        choices = set(self.choice_options)
        return {
            path: frozenset((self.content_keys[path] | self.path_keys[path]) & choices) | self.keep_options[path]
            for path in self.files
        }

    def ordered(self, options: frozenset[str] | set[str]) -> list[str]:
        """Options in cookiecutter.json's order."""
        return [name for name in self.choice_options if name in options]

    def _product(self, options: list[str]) -> Iterator[Projection]:
        for values in itertools.product(*(self.choice_options[name] for name in options)):
            yield dict(zip(options, values, strict=True))

    def projections(self, path: str) -> Iterator[Projection]:
        """Every assignment of the options a file depends on."""
        return self._product(self.ordered(self.dependencies[path]))

    def product_size(self, options: frozenset[str] | set[str]) -> int:
        size = 1
        for name in options:
            size *= len(self.choice_options[name])
        return size

    # --- rendering ---------------------------------------------------------------------------------------------

    @functools.cache  # noqa: B019
    def copied_verbatim(self, path: str) -> bool:
        """Whether cookiecutter copies the file without rendering it (_copy_without_render, or binary)."""
        parts = path.split("/")
        prefixes = ["/".join(parts[:depth]) for depth in range(1, len(parts) + 1)]
        if any(fnmatch.fnmatch(prefix, pattern) for prefix in prefixes for pattern in self.copy_without_render):
            return True
        return is_binary(str(self.skeleton / path))

    def _copied_dir_depth(self, path: str) -> int | None:
        """How many leading parts of the path are rendered when a parent folder is copied without rendering."""
        parts = path.split("/")
        for depth in range(1, len(parts)):
            if any(fnmatch.fnmatch("/".join(parts[:depth]), pattern) for pattern in self.copy_without_render):
                return depth
        return None

    @functools.cache  # noqa: B019
    def _path_template(self, text: str):
        return self.env.from_string(text)

    @functools.cache  # noqa: B019
    def _newline(self, path: str) -> str | None:
        with (self.skeleton / path).open(encoding="utf-8") as handle:
            handle.readline()
        newlines = handle.newlines
        return newlines[0] if isinstance(newlines, tuple) else newlines

    def render_path(self, path: str, projection: Mapping[str, str]) -> str:
        """The file's path as cookiecutter writes it (before the hook), '' parts kept (an empty name: no file)."""
        context = self.context(projection)
        depth = self._copied_dir_depth(path)
        if depth is not None:  # copytree: the copied folder's path is rendered, what is inside is not
            parts = path.split("/")
            head = self._path_template("/".join(parts[:depth])).render(**context)
            return "/".join([head, *parts[depth:]])
        return self._path_template(path).render(**context)

    def render_content(self, path: str, projection: Mapping[str, str]) -> bytes:
        if self.copied_verbatim(path):
            return (self.skeleton / path).read_bytes()
        text = self.env.get_template(path).render(**self.context(projection))
        newline = self._newline(path)
        if newline not in (None, "\n"):
            text = text.replace("\n", newline)
        return text.encode("utf-8")

    def output_path(self, path: str, projection: Mapping[str, str]) -> str | None:
        """Where the file ends up in the baked project, or None when it is not written or the hook prunes it."""
        return self._output_path(path, tuple((name, projection[name]) for name in self._output_options(path)))

    @functools.cache  # noqa: B019
    def _output_options(self, path: str) -> tuple[str, ...]:
        return tuple(self.ordered(self.path_keys[path] & set(self.choice_options) | self.keep_options[path]))

    @functools.cache  # noqa: B019
    def _output_path(self, path: str, relevant: tuple[tuple[str, str], ...]) -> str | None:
        projection = dict(relevant)
        rendered = self.render_path(path, projection)
        if rendered.endswith("/") or rendered.split("/")[-1] == "" or "//" in rendered:
            return None  # cookiecutter skips a file whose name renders empty
        answers = self.full_answers(projection)
        for pruned in self.post_hook.paths_to_prune(answers):
            if rendered == pruned or rendered.startswith(pruned.rstrip("/") + "/"):
                return None
        licenses = self.post_hook.LICENSES_DIR
        if rendered.startswith(licenses + "/"):
            chosen = f"{licenses}/{answers['open_source_license']}.txt"
            return "LICENSE" if rendered == chosen else None
        return rendered

    @functools.cache  # noqa: B019
    def mode(self, path: str) -> int:
        return (self.skeleton / path).stat().st_mode & 0o777

    def render(self, path: str, projection: Mapping[str, str]) -> Rendering:
        """The file for one projection: its output path (None when not kept), bytes and mode."""
        if not self.dependencies[path] <= projection.keys():
            missing = sorted(self.dependencies[path] - set(projection))
            raise KeyError(f"{path} depends on {missing}, missing from the projection")
        output = self.output_path(path, projection)
        content = self.render_content(path, projection) if output is not None else b""
        return Rendering(path, output, content, self.mode(path))

    # --- which combinations are valid ----------------------------------------------------------------------------

    @functools.cached_property
    def pre_hook_options(self) -> list[str]:
        """The choice options the pre-generation hook reads (found by running it on the defaults)."""
        read: set[str] = set()

        class Recording(dict):
            def __getitem__(self, key: str) -> object:
                read.add(key)
                return super().__getitem__(key)

            def get(self, key: str, default: object = None) -> object:
                read.add(key)
                return super().get(key, default)

        self.pre_hook.validate(Recording(self.defaults))
        return self.ordered(read & set(self.choice_options))

    def refused(self, projection: Mapping[str, str]) -> str | None:
        """The pre-generation hook's refusal for these choices (others at defaults), or None."""
        try:
            self.pre_hook.validate(self.full_answers(projection))
        except ValueError as error:
            return str(error)
        return None

    @functools.cached_property
    def refused_projections(self) -> list[Projection]:
        """Assignments of the hook's options that it refuses (whatever the other options)."""
        return [p for p in self._product(self.pre_hook_options) if self.refused(p) is not None]

    def is_valid(self, projection: Mapping[str, str]) -> bool:
        """False when the projection fixes every option of some refused assignment to the refused values."""
        return not any(
            all(projection.get(name) == value for name, value in refused.items())
            for refused in self.refused_projections
        )

    def count_valid(self, allowed: Mapping[str, set[str]] | None = None) -> int:
        """How many valid combinations have, for each option in `allowed`, one of its allowed values."""
        allowed = allowed or {}

        def values(name: str) -> list[str]:
            return [value for value in self.choice_options[name] if name not in allowed or value in allowed[name]]

        hooked = self.pre_hook_options
        others = 1
        for name in self.choice_options:
            if name not in hooked:
                others *= len(values(name))
        accepted = sum(
            1
            for assignment in itertools.product(*(values(name) for name in hooked))
            if self.is_valid(dict(zip(hooked, assignment, strict=True)))
        )
        return accepted * others

    @functools.cached_property
    def raw_combinations(self) -> int:
        return self.product_size(set(self.choice_options))

    @functools.cached_property
    def valid_combinations(self) -> int:
        """Combinations of choice answers the pre-generation hook accepts."""
        return self.count_valid()


def _load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses in the hook look their module up while it executes
    spec.loader.exec_module(module)
    return module


def _is_cookiecutter(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Name) and node.name == "cookiecutter"


def _visit(node: nodes.Node, keys: set[str], includes: set[str], where: str, template: Template) -> None:
    """Collect the keys of ``cookiecutter`` read under ``node``; anything else done with the object is an error."""
    if isinstance(node, nodes.Getattr) and _is_cookiecutter(node.node):
        if node.attr in {"get", "items", "keys", "values", "update", "pop", "setdefault"}:
            raise DependencyError(f"{where}: line {node.lineno}: cookiecutter.{node.attr} used other than as .get('X')")
        keys.add(node.attr)
        return
    if isinstance(node, nodes.Getitem) and _is_cookiecutter(node.node):
        if not (isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)):
            raise DependencyError(f"{where}: line {node.lineno}: cookiecutter[...] with a computed key")
        keys.add(node.arg.value)
        return
    if (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Getattr)
        and _is_cookiecutter(node.node.node)
        and node.node.attr == "get"
    ):
        if not node.args or not (isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str)):
            raise DependencyError(f"{where}: line {node.lineno}: cookiecutter.get(...) with a computed key")
        keys.add(node.args[0].value)
        for child in [*node.args[1:], *node.kwargs]:
            _visit(child, keys, includes, where, template)
        return
    if isinstance(node, nodes.Name) and node.name in {"cookiecutter", "_cookiecutter"}:
        raise DependencyError(
            f"{where}: line {node.lineno}: the whole `{node.name}` object is used ({node.ctx}): "
            "read one option at a time (cookiecutter.X)"
        )
    if isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
        includes.update(template.include_candidates(node.template, where))
    for child in node.iter_child_nodes():
        _visit(child, keys, includes, where, template)


def _name_pattern(expression: nodes.Node) -> Iterator[str]:
    """A regex for the names a template-name expression can take: constants literal, the rest anything."""
    if isinstance(expression, nodes.Const) and isinstance(expression.value, str):
        yield re.escape(expression.value)
    elif isinstance(expression, nodes.Concat):
        for part in expression.nodes:
            yield from _name_pattern(part)
    elif isinstance(expression, nodes.Add):
        yield from _name_pattern(expression.left)
        yield from _name_pattern(expression.right)
    else:
        yield ".*"


@functools.cache
def template(root: Path = TEMPLATE_DIR) -> Template:
    return Template(Path(root).resolve())


def file_dependencies(root: Path = TEMPLATE_DIR) -> dict[str, frozenset[str]]:
    """For every file of the skeleton (path relative to it, unrendered): the choice options its bytes depend on."""
    return dict(template(root).dependencies)


def render_file(path: str, projection: Mapping[str, str], root: Path = TEMPLATE_DIR) -> Rendering:
    """One file of the skeleton rendered for a projection (a dict of at least the options it depends on)."""
    return template(root).render(path, projection)


def valid_combinations(root: Path = TEMPLATE_DIR) -> int:
    """How many combinations of choice answers the pre-generation hook accepts (see docs/testing.md)."""
    return template(root).valid_combinations
