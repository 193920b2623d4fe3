"""The benchmark scripts derive what they measure from cookiecutter.json and the pruning table (no timing here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import baking


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", baking.TEMPLATE_DIR / "benchmarks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_feature_sweep_turns_on_every_option_that_can_be_off() -> None:
    bake_time = _load("bake_time")
    features = bake_time.features()
    switchable = {
        option
        for option, values in baking.CHOICE_OPTIONS.items()
        if {"none", "n"} & set(values) and option not in bake_time.NOT_SWEPT
    }
    assert {option for option, _, _ in features} == switchable
    for option, off, on in features:
        assert off in {"none", "n"}
        assert on != off
        assert on in baking.CHOICE_OPTIONS[option]


def test_the_largest_combination_bakes_at_least_as_many_files_as_any_single_change(tmp_path: Path) -> None:
    largest = _load("bake_time").largest_combination()
    assert all(value in baking.CHOICE_OPTIONS[option] for option, value in largest.items())

    def files(project: Path) -> int:
        return sum(1 for path in project.rglob("*") if path.is_file())

    biggest = files(baking.bake(tmp_path / "largest", **largest))
    for option, value in largest.items():
        for other in baking.CHOICE_OPTIONS[option]:
            if other != value:
                variant = {**largest, option: other}
                assert files(baking.bake(tmp_path / f"{option}-{other}", **variant)) <= biggest, variant


def test_the_renderings_per_option_grow_to_the_whole_per_file_layer() -> None:
    throughput = _load("exhaustive_throughput")
    template = throughput.projection.Template()
    rows = throughput.growth(template)
    assert [option for option, _, _ in rows] == list(template.choice_options)
    per_file = [count for _, count, _ in rows]
    assert per_file == sorted(per_file)
    assert per_file[-1] == sum(template.product_size(deps) for deps in template.dependencies.values())
    assert all(count <= every for _, count, every in rows)
