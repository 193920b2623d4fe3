"""The n-wise generator (tests/nwise.py) and the triple layer's rows (tests/triples.py): coverage is proven by
enumerating every t-tuple, not trusted to the algorithm."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import pytest

import baking
import nwise
import triples
from hooks import pre_gen_project as pre

SYNTHETIC = {"a": ("a0", "a1", "a2"), "b": ("b0", "b1"), "c": ("c0", "c1", "c2", "c3"), "d": ("d0", "d1"),
             "e": ("e0", "e1", "e2"), "f": ("f0", "f1")}  # fmt: skip


def _no_c3_with_a2_and_d_ignored_when_e0(row: Mapping[str, str]) -> bool:
    """A refusal (a2 with c3) and an 'ignored' rule (d stays d0 when e=e0), both partial-row safe."""
    if row.get("a") == "a2" and row.get("c") == "c3":
        return False
    return not (row.get("e") == "e0" and row.get("d", "d0") != "d0")


def _anything(_: Mapping[str, str]) -> bool:
    return True


@pytest.mark.parametrize("strength", [1, 2, 3, 4])
@pytest.mark.parametrize("allowed", [_anything, _no_c3_with_a2_and_d_ignored_when_e0], ids=["free", "rules"])
def test_the_generator_covers_every_tuple_of_its_strength(strength: int, allowed: nwise.Allowed) -> None:
    rows = nwise.covering_array(SYNTHETIC, strength, allowed)
    assert not nwise.missing_tuples(rows, SYNTHETIC, strength, allowed)
    assert all(allowed(row) for row in rows), "a row breaks a rule"
    assert all(list(row) == list(SYNTHETIC) and row[n] in SYNTHETIC[n] for row in rows for n in row)
    largest = sorted((len(values) for values in SYNTHETIC.values()), reverse=True)
    assert len(rows) >= math.prod(largest[:strength]) or allowed is not _anything
    assert len(rows) < math.prod(len(values) for values in SYNTHETIC.values())
    assert rows == nwise.covering_array(SYNTHETIC, strength, allowed), "two runs gave different rows"
    for index in range(len(rows)):
        others = rows[:index] + rows[index + 1 :]
        assert nwise.missing_tuples(others, SYNTHETIC, strength, allowed), f"row {index} is redundant"


def test_the_generator_gives_the_full_product_when_the_strength_covers_every_option() -> None:
    options = {name: SYNTHETIC[name] for name in ("a", "b", "c")}
    rows = nwise.covering_array(options, 3)
    assert sorted(tuple(row.values()) for row in rows) == sorted(itertools.product(*options.values()))


def test_the_coverage_check_notices_a_missing_triple() -> None:
    """The check the tests rely on must be able to fail: drop a row and something goes missing."""
    rows = nwise.covering_array(SYNTHETIC, 3)
    assert nwise.missing_tuples(rows[1:], SYNTHETIC, 3, _anything)


def test_a_rule_that_no_row_can_meet_is_reported_not_silently_dropped() -> None:
    """A triple the rules allow on its own but no full row can hold is still listed as missing."""

    def contradictory(row: Mapping[str, str]) -> bool:
        return not ("a" in row and "b" in row and "c" in row and row.get("c") == "c3")

    rows = nwise.covering_array(SYNTHETIC, 2, contradictory)
    assert {"a": "a0", "c": "c3"} in nwise.missing_tuples(rows, SYNTHETIC, 2, contradictory)


# --- the triple layer's rows ---------------------------------------------------------------------------------


def test_the_options_that_change_no_python_are_derived_not_listed() -> None:
    """Derived from projection.file_dependencies(): license, CI, Kubernetes, Docker and git touch no Python file
    and install nothing; NO_RUNTIME_EFFECT (the integration layer's hand-kept list) must agree."""
    derived = set(triples.python_options())
    assert derived <= set(baking.CHOICE_OPTIONS)
    assert not derived & {"open_source_license", "ci", "kubernetes", "docker", "init_git"}
    assert set(baking.CHOICE_OPTIONS) - derived == baking.NO_RUNTIME_EFFECT
    # python_version is referenced by no .py file: it counts through pyproject.toml's requires-python and pins.
    assert "python_version" in derived


def test_the_license_changes_pyproject_toml_but_not_what_uv_installs() -> None:
    """Why the pyproject.toml dependency is narrowed: its license line names the license."""
    mit, gpl = (triples.rendered_pyproject(open_source_license=value) for value in ("MIT", "GPL-3.0"))
    assert mit != gpl
    assert triples._install_view(mit) == triples._install_view(gpl)
    assert triples.options_changing_installs({"open_source_license", "python_version"}) == {"python_version"}


def test_the_triple_rows_hold_every_triple_of_values_of_any_three_options() -> None:
    options, rows = triples.python_options(), triples.rows()
    missing = nwise.missing_tuples(rows, options, 3, baking.is_sensible)
    assert not missing, f"{len(missing)} triples in no row, e.g. {missing[:5]}"
    assert len(rows) < math.prod(len(values) for values in options.values())


def test_every_triple_row_is_a_combination_the_hook_accepts_and_the_rules_keep() -> None:
    for row in triples.rows():
        assert baking.is_sensible(row), row
        pre.validate(baking.rendered_context(**row))
