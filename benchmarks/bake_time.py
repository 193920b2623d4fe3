"""Bake time of the template: the default answers, the largest combination, and one point per enabled feature.

Every bake runs the real ``cookiecutter`` command line in a child process, as a user would. CPU time is that
child's user + system time (render and both hooks, hook subprocesses included); wall time is the elapsed time.
Each figure is the median of several bakes; the configurations take turns round by round, so a change in the
machine's load falls on all of them alike. ``make bench`` runs this script.

    uv run --frozen python benchmarks/bake_time.py [--rounds 7] [--sweep-rounds 5] [--plot docs/bake-time.png]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE_DIR / "tests"))
sys.path.insert(0, str(TEMPLATE_DIR))

import baking  # noqa: E402  (the test helper module, found through the lines above)
from hooks.post_gen_project import KEEP_ONLY_WHEN  # noqa: E402

OFF_VALUES = ("none", "n")
# Features the sweep leaves off: git's own work (init, add, commit) is not the template's.
NOT_SWEPT = frozenset({"init_git"})


def features() -> list[tuple[str, str, str]]:
    """(option, off value, on value) for every option that can be turned off, in cookiecutter.json's order.

    The on value is the first value that is not the off one (the default, for options that default to on).
    """
    found = []
    for option, values in baking.CHOICE_OPTIONS.items():
        off = next((value for value in values if value in OFF_VALUES), None)
        if off is None or option in NOT_SWEPT:
            continue
        found.append((option, off, next(value for value in values if value != off)))
    return found


def _files_under(relative: str) -> int:
    path = baking.SKELETON_DIR / relative.format(slug="{{cookiecutter.project_slug}}")
    return sum(1 for child in path.rglob("*") if child.is_file()) if path.is_dir() else int(path.is_file())


def largest_combination() -> dict[str, str]:
    """For each option of the pruning table, the value that keeps the most skeleton files; defaults elsewhere."""
    combination = {}
    for option, values in baking.CHOICE_OPTIONS.items():
        rules = [(keep, paths) for rule_option, keep, paths in KEEP_ONLY_WHEN if rule_option == option]
        if not rules:
            continue

        def kept_files(value: str, rules: list = rules) -> int:
            return sum(_files_under(path) for keep, paths in rules if value in keep for path in paths)

        combination[option] = max(values, key=kept_files)  # max keeps the first of equals: the default wins ties
    return combination


def bake_once(scratch: Path, answers: Mapping[str, str]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, files in the project) of one bake through the command line."""
    output = scratch / "bake"
    shutil.rmtree(output, ignore_errors=True)
    command = baking.cookiecutter_command(output, *(f"{option}={value}" for option, value in answers.items()))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    files = sum(1 for path in output.rglob("*") if path.is_file())
    return cpu, wall, files


def measure(configurations: Mapping[str, Mapping[str, str]], rounds: int, scratch: Path) -> dict[str, tuple]:
    """Median (CPU, wall) and file count per configuration, bakes interleaved, one untimed warm-up each."""
    for answers in configurations.values():
        bake_once(scratch, answers)
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in configurations}
    for _ in range(rounds):
        for name, answers in configurations.items():
            samples[name].append(bake_once(scratch, answers))
    return {
        name: (
            statistics.median(cpu for cpu, _, _ in runs),
            statistics.median(wall for _, wall, _ in runs),
            runs[-1][2],
        )
        for name, runs in samples.items()
    }


def plot(points: list[tuple[str, float, float]], target: Path) -> None:
    """Bake time against the number of features turned on, one line for CPU and one for wall time."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [label for label, _, _ in points]
    figure, axes = plt.subplots(figsize=(8, 4.2), dpi=110)
    axes.plot(range(len(points)), [cpu * 1000 for _, cpu, _ in points], marker="o", label="CPU (render + hooks)")
    axes.plot(range(len(points)), [wall * 1000 for _, _, wall in points], marker="s", label="wall")
    axes.set_xticks(range(len(points)), labels, rotation=35, ha="right", fontsize=8)
    axes.set_xlabel("features turned on (cumulative, left to right)")
    axes.set_ylabel("median bake time (ms)")
    axes.set_ylim(bottom=0)
    axes.set_title(
        f"Bake time per number of enabled features (load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    axes.grid(alpha=0.3)
    axes.legend()
    figure.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target)
    print(f"plot written to {target}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="bakes per figure for default and largest")
    parser.add_argument("--sweep-rounds", type=int, default=5, help="bakes per point of the feature sweep (0: skip)")
    parser.add_argument("--plot", type=Path, help="write the feature-sweep plot (PNG) here")
    arguments = parser.parse_args(argv)

    load_before = os.getloadavg()
    largest = largest_combination()
    print(
        f"machine: {os.cpu_count()} cores, load average {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}"
    )
    print(f"largest combination: {' '.join(f'{key}={value}' for key, value in largest.items())}")
    with tempfile.TemporaryDirectory(prefix="prodev-bench-") as scratch:
        results = measure({"default": {}, "largest": largest}, arguments.rounds, Path(scratch))
        for name, (cpu, wall, files) in results.items():
            print(
                f"{name} bake: CPU {cpu * 1000:.0f} ms, wall {wall * 1000:.0f} ms "
                f"(median of {arguments.rounds}, {files} files)"
            )

        if arguments.sweep_rounds:
            steps: dict[str, dict[str, str]] = {}
            answers = {option: off for option, off, _ in features()}
            steps["none"] = dict(answers)
            for option, _, on in features():
                answers[option] = on
                steps[f"+{option}={on}"] = dict(answers)
            sweep = measure(steps, arguments.sweep_rounds, Path(scratch))
            print(f"\nfeature sweep (median of {arguments.sweep_rounds}; each row adds one feature to the one above):")
            print(f"{'features':>8}  {'CPU ms':>7}  {'wall ms':>7}  {'files':>5}  added")
            for count, (label, (cpu, wall, files)) in enumerate(sweep.items()):
                print(f"{count:>8}  {cpu * 1000:>7.0f}  {wall * 1000:>7.0f}  {files:>5}  {label}")
            if arguments.plot:
                plot([(label, cpu, wall) for label, (cpu, wall, _) in sweep.items()], arguments.plot)
    load_after = os.getloadavg()
    print(f"load average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
