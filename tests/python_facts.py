"""Compile Python files and report what they import and name: run by tests/exhaustive.py under each interpreter.

Reads a JSON object on stdin: {"files": [{"path": ..., "module": ..., "facts": bool}], "project": [top-level names]}.
Writes a JSON object: per path, the compile error (or null) and, when asked, the facts the cross-file checks need.
Standard library only: it runs under the generated project's interpreters (3.12, 3.13), not the template's.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

DOTTED = re.compile(r"^[A-Za-z_]\w*(\.\w+)+$")


def guard_of(parents: list[ast.AST]) -> str:
    """'optional' under try/except ImportError, 'typing' under `if TYPE_CHECKING:`, else ''."""
    for parent in reversed(parents):
        if isinstance(parent, ast.Try):
            for handler in parent.handlers:
                caught = ast.unparse(handler.type) if handler.type else "BaseException"
                if "ImportError" in caught or "ModuleNotFoundError" in caught:
                    return "optional"
        if isinstance(parent, ast.If) and "TYPE_CHECKING" in ast.unparse(parent.test):
            return "typing"
    return ""


def walk(node: ast.AST, parents: list[ast.AST]):
    yield node, parents
    for child in ast.iter_child_nodes(node):
        yield from walk(child, [*parents, node])


def top_level_names(tree: ast.Module) -> tuple[list[str], bool]:
    names: list[str] = []
    star = False
    for node in tree.body:
        statements = [node]
        if isinstance(node, ast.If | ast.Try):  # conditional definitions count as definitions
            statements = list(ast.walk(node))
        for statement in statements:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.append(statement.name)
            elif isinstance(statement, ast.Assign):
                names += [target.id for target in statement.targets if isinstance(target, ast.Name)]
            elif isinstance(statement, ast.AnnAssign | ast.AugAssign) and isinstance(statement.target, ast.Name):
                names.append(statement.target.id)
            elif isinstance(statement, ast.TypeAlias) and isinstance(statement.name, ast.Name):
                names.append(statement.name.id)
            elif isinstance(statement, ast.Import):
                names += [alias.asname or alias.name.split(".")[0] for alias in statement.names]
            elif isinstance(statement, ast.ImportFrom):
                for alias in statement.names:
                    if alias.name == "*":
                        star = True
                    else:
                        names.append(alias.asname or alias.name)
    return names, star


def facts(tree: ast.Module, module: str, is_package: bool, project: set[str]) -> dict[str, object]:
    imports = []
    strings = []
    apps = []
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node, parents in walk(tree, []):
        if isinstance(node, ast.Import):
            imports += [[alias.name, [], node.lineno, guard_of(parents)] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, *([node.module] if node.module else [])])
            imported = [alias.name for alias in node.names if alias.name != "*"]
            imports.append([name, imported, node.lineno, guard_of(parents)])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and DOTTED.match(node.value):
            if node.value.split(".")[0] in project:
                strings.append([node.value, node.lineno])
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id.endswith("APPS") for t in targets):
                apps += [
                    [element.value, element.lineno]
                    for element in ast.walk(node.value)
                    if isinstance(element, ast.Constant) and isinstance(element.value, str)
                ]
    names, star = top_level_names(tree)
    return {"imports": imports, "strings": strings, "apps": apps, "names": names, "star": star}


def main() -> int:
    request = json.load(sys.stdin)
    project = set(request["project"])
    report = {}
    for entry in request["files"]:
        path = entry["path"]
        source = Path(path).read_text(encoding="utf-8")
        try:
            compile(source, path, "exec", dont_inherit=True)
            tree = ast.parse(source, path)
        except (SyntaxError, ValueError) as error:
            report[path] = {"error": f"{type(error).__name__}: {error}"}
            continue
        result: dict[str, object] = {"error": None}
        if entry["facts"]:
            result |= facts(tree, entry["module"], path.endswith("__init__.py"), project)
        report[path] = result
    json.dump(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
