"""`manage.py seed_demo`: fills the example app, is idempotent, and refuses a bad size."""

import io
import sys

import pytest
from django.core.management import CommandError, call_command

from {{ cookiecutter.project_slug }}.core.seeding import batches

pytestmark = pytest.mark.django_db


def module_name_imports_factories(name: str) -> bool:
    return name.endswith((".seed", ".factories"))


def _seed(size: int) -> str:
    out = io.StringIO()
    call_command("seed_demo", "--size", str(size), stdout=out)
    return out.getvalue()


def test_seeding_reports_the_rows_it_created():
    output = _seed(5)

    assert output.startswith("Created ")
    assert any(char.isdigit() and char != "0" for char in output)


def test_seeding_twice_with_the_same_size_creates_nothing_the_second_time():
    _seed(5)

    second = _seed(5)

    counts = [int(word) for word in second.replace(",", " ").split() if word.isdigit()]
    assert counts
    assert set(counts) == {0}


def test_a_size_below_one_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        _seed(0)


def test_without_factory_boy_the_command_says_which_dependency_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "factory", None)
    # Forget the project's modules that import factory-boy, so the command imports them afresh.
    project = "{{ cookiecutter.project_slug }}."
    for name in [module for module in sys.modules if module.startswith(project)]:
        if module_name_imports_factories(name):
            monkeypatch.delitem(sys.modules, name)

    with pytest.raises(CommandError, match="development dependencies"):
        _seed(1)


def test_batches_report_progress_after_each_slice_is_written():
    told: list[tuple[str, int, int]] = []

    slices = list(batches(range(2500), lambda *args: told.append(args), "rows"))

    assert [len(batch) for batch in slices] == [1000, 1000, 500]
    assert told == [("rows", 1000, 2500), ("rows", 2000, 2500), ("rows", 2500, 2500)]
