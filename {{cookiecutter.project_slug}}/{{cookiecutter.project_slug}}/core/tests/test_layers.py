"""Views read through selectors: what import-linter cannot see, checked on the source.

import-linter (`make check`) holds the packages to their layers, but a view that imports its app's
models may still query them directly (``Order.objects.filter(...)``), skipping the selector that
scopes the rows to the caller and owns the ``select_related``. In every app that has a selectors
module, its API views and schema modules reach a model's manager only for an empty queryset
(``.objects.none()``, which reads nothing).
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
MANAGERS = {"objects", "_default_manager"}


def entry_points() -> list[Path]:
    """The API views and schema modules (``schema_*.py`` in a subpackage) of every app with selectors."""
    return sorted(
        path
        for selectors in PACKAGE.glob("*/selectors.py")
        for pattern in ("api/views.py", "*/schema_*.py")
        for path in selectors.parent.glob(pattern)
    )


def manager_reads(source: str) -> list[str]:
    """``Model.objects.<method>`` uses other than ``.none()``, as "line: Model.objects.method"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr in MANAGERS
            and node.attr != "none"
        ):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_every_app_with_selectors_is_checked():
    apps_with_views = {path.parts[-3] for path in entry_points() if path.name == "views.py"}

    assert "users" in apps_with_views


@pytest.mark.parametrize("path", entry_points(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_views_and_schemas_read_through_selectors(path):
    assert manager_reads(path.read_text()) == []


def test_a_manager_read_in_a_view_is_found():
    source = "def get_queryset(self):\n    return Order.objects.filter(customer=self.request.user)"

    assert manager_reads(source) == ["2: Order.objects.filter"]


def test_an_empty_queryset_is_not_a_read():
    assert manager_reads("def get_queryset(self):\n    return Order.objects.none()\n") == []
