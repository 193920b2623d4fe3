"""The generated project's architecture, read from its code: Mermaid diagrams of its apps and layers.

Bakes ``presets/full.yaml`` (every feature on), parses every Python module of the project with ``ast`` (nothing
is imported or installed) and writes two diagrams between the ``<!-- architecture:start -->`` and
``<!-- architecture:end -->`` markers of docs/architecture.md:

- the apps, each with the models it defines, and an arrow from one app to another when its code imports the
  other's, labelled with the number of (importing module, imported module) pairs;
- the layers (urls, api, services, selectors, models, tasks, graphql, ...), summed over the apps: an arrow
  from one layer to another whenever a module of one imports a module of the other within one app.

tests/test_docsite.py fails when the committed diagrams differ from what this renders. Regenerate them with
``make docs`` (``python tests/architecture.py --write``).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
START, END = "<!-- architecture:start -->", "<!-- architecture:end -->"
TARGET = TEMPLATE_DIR / "docs" / "architecture.md"
PRESET = TEMPLATE_DIR / "presets" / "full.yaml"
# The layers of an app, in the order a request crosses them; any other module is drawn as "other".
LAYERS = ("urls", "api", "graphql", "admin", "tasks", "services", "selectors", "models")
# How the name of a Django model base class ends (models.Model, AbstractUser, AbstractBaseUser).
DJANGO_MODEL_BASES = ("Model", "AbstractUser", "AbstractBaseUser")
# Folders of the project that hold no application code.
SKIPPED_PARTS = frozenset({"tests", "migrations", "benchmarks", ".venv"})


@dataclass(frozen=True)
class Module:
    """One Python module of the baked project: its dotted name, its app and its layer."""

    name: str
    app: str
    layer: str
    is_package: bool


def preset_answers() -> dict[str, str]:
    import yaml  # here, not above: the analysis runs under the project's Python, which has no yaml

    return {key: str(value) for key, value in yaml.safe_load(PRESET.read_text())["default_context"].items()}


def project_modules(project: Path, slug: str) -> dict[str, tuple[Module, Path]]:
    """Every module of the package and of ``config``, tests and migrations left out."""
    modules: dict[str, tuple[Module, Path]] = {}
    for path in sorted(project.rglob("*.py")):
        parts = path.relative_to(project).with_suffix("").parts
        if parts[0] not in {slug, "config"} or SKIPPED_PARTS.intersection(parts):
            continue
        is_package = parts[-1] == "__init__"
        dotted = parts[:-1] if is_package else parts
        if parts[0] == "config":
            app, layer = "config", "settings" if "settings" in parts else "config"
        elif len(dotted) < 2:
            continue  # the package's own __init__
        else:
            app = dotted[1]
            layer = dotted[2] if len(dotted) > 2 else "app"
            layer = layer if layer in LAYERS else ("urls" if layer.endswith("urls") else "other")
            if len(dotted) > 3 and dotted[3].endswith("urls"):  # api/urls.py routes, api/views.py serves
                layer = "urls"
        modules[".".join(dotted)] = (Module(".".join(dotted), app, layer, is_package), path)
    return modules


def imported_names(module: Module, tree: ast.AST) -> Iterable[str]:
    """The dotted names a module imports, relative imports resolved; imports inside functions included."""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            # `from x import a`: x.a when a is a module, else x (resolve() falls back to the longest module prefix).
            yield from (f"{stem}.{alias.name}" for alias in node.names)


def resolve(name: str, modules: dict[str, tuple[Module, Path]]) -> Module | None:
    """The deepest module of the project a dotted name falls in, or None outside the project."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        found = modules.get(".".join(parts[:end]))
        if found:
            return found[0]
    return None


def import_edges(project: Path, slug: str) -> Counter[tuple[Module, Module]]:
    """(importer, imported) -> 1 for every module of the project that imports another, however often."""
    modules = project_modules(project, slug)
    edges: Counter[tuple[Module, Module]] = Counter()
    for module, path in modules.values():
        tree = ast.parse(path.read_text(), filename=str(path))
        targets = {resolve(name, modules) for name in imported_names(module, tree)}
        # A module counts once for each module it imports, however many names or statements name it.
        for target in targets - {None, module}:
            edges[module, target] += 1
    return edges


def models_by_app(project: Path, slug: str) -> dict[str, list[str]]:
    """The concrete models each app's models.py defines: classes derived from a Django model class, directly or
    through a class of the same file (abstract ones left out)."""
    found: dict[str, list[str]] = {}
    for path in sorted((project / slug).glob("*/models.py")):
        tree = ast.parse(path.read_text())
        names: list[str] = []
        model_like: set[str] = set()
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            bases = [ast.unparse(base) for base in node.bases]
            if not any(base.endswith(DJANGO_MODEL_BASES) or base in model_like for base in bases):
                continue
            model_like.add(node.name)
            meta = next((item for item in node.body if isinstance(item, ast.ClassDef) and item.name == "Meta"), None)
            abstract = meta is not None and any(
                isinstance(item, ast.Assign) and ast.unparse(item).replace(" ", "") == "abstract=True"
                for item in meta.body
            )
            if not abstract:
                names.append(node.name)
        found[path.parent.name] = names
    return found


def app_diagram(edges: Counter[tuple[Module, Module]], models: dict[str, list[str]]) -> str:
    between: Counter[tuple[str, str]] = Counter()
    for (source, target), count in edges.items():
        if source.app != target.app:
            between[source.app, target.app] += count
    apps = sorted({app for pair in between for app in pair} | set(models), key=lambda app: (app != "config", app))
    lines = ["```mermaid", "flowchart LR"]
    for app in apps:
        label = f"<b>{app}</b>"
        if models.get(app):
            label += "<br/>" + ", ".join(models[app])
        lines.append(f'    {app}["{label}"]')
    lines += [f"    {source} -->|{count}| {target}" for (source, target), count in sorted(between.items())]
    lines.append("```")
    return "\n".join(lines)


def layer_diagram(edges: Counter[tuple[Module, Module]]) -> str:
    within: Counter[tuple[str, str]] = Counter()
    for (source, target), count in edges.items():
        if source.app == target.app and source.app != "config" and source.layer != target.layer:
            within[source.layer, target.layer] += count
    used = {layer for pair in within for layer in pair}
    order = [layer for layer in (*LAYERS, "app", "other") if layer in used]
    lines = ["```mermaid", "flowchart TD"]
    lines += [f"    {layer}([{layer}])" for layer in order]
    lines += [
        f"    {source} -->|{within[source, target]}| {target}"
        for source in order
        for target in order
        if within[source, target]
    ]
    lines.append("```")
    return "\n".join(lines)


def diagrams(project: Path, slug: str) -> str:
    edges = import_edges(project, slug)
    note = "<!-- generated from a bake of presets/full.yaml by tests/architecture.py (`make docs`): do not edit -->"
    return "\n".join(
        [
            START,
            note,
            "",
            "### Apps and the imports between them",
            "",
            app_diagram(edges, models_by_app(project, slug)),
            "",
            "### Layers: which layer imports which, within an app",
            "",
            layer_diagram(edges),
            "",
            END,
        ]
    )


def rendered(text: str, block: str) -> str:
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    return before + block + after


def current_block() -> str:
    """Bake the full preset and read its code with the project's own Python (its syntax may be newer than ours)."""
    if str(TEMPLATE_DIR) not in sys.path:  # run as a script: the template folder holds hooks/, which baking imports
        sys.path.append(str(TEMPLATE_DIR))
    import baking  # here, not above: it imports pytest and cookiecutter, which the analysis does without

    answers = preset_answers()
    interpreter = baking.find_interpreter(answers["python_version"])
    if interpreter is None:
        raise SystemExit(f"no Python {answers['python_version']} to parse the full preset's code with")
    with tempfile.TemporaryDirectory(prefix="prodev-architecture-") as output:
        baked = baking.run_cookiecutter_cli(Path(output), *(f"{key}={value}" for key, value in answers.items()))
        if baked.returncode:
            raise SystemExit(f"the full preset did not bake:\n{baked.stderr}")
        project = Path(output) / answers["project_slug"]
        command = [str(interpreter), __file__, "--analyse", str(project), answers["project_slug"]]
        return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout


def main(argv: list[str]) -> int:
    if argv[:1] == ["--analyse"]:
        print(diagrams(Path(argv[1]), argv[2]), end="")
        return 0
    text = TARGET.read_text()
    fresh = rendered(text, current_block())
    if fresh == text:
        return 0
    if "--write" in argv:
        TARGET.write_text(fresh)
        print(f"rewrote the diagrams of {TARGET.name}")
        return 0
    print(f"{TARGET.name}: the architecture diagrams are stale; run `make docs`", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
