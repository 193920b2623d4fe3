"""Throughput of the exhaustive rendering layer: per-file renderings per second (tests/projection.py).

Each file of the skeleton is rendered over the product of just the options its bytes depend on (its
projections). This script times the dependency analysis, then renders every projection of every file, at most
``--per-file`` of them per file unless ``--full`` (README.md alone has hundreds of thousands), and prints the
rate and the time the whole set would take at that rate. With ``--plot`` it also draws how many renderings the
per-file layer needs as options are added, against what baking every combination would render; that count
comes from the dependency sets alone, nothing is rendered for it. ``make bench`` runs this script.

    uv run --frozen python benchmarks/exhaustive_throughput.py [--per-file 200] [--full] [--plot PNG]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE_DIR / "tests"))
sys.path.insert(0, str(TEMPLATE_DIR))  # hooks/, which baking imports

import projection  # noqa: E402  (the exhaustive layer's module, found through the line above)


def growth(template: projection.Template) -> list[tuple[str, int, int]]:
    """(option added, per-file renderings, file renderings of every combination) as options join in order."""
    rows = []
    options: list[str] = []
    for option in template.choice_options:
        options.append(option)
        included = set(options)
        per_file = sum(template.product_size(deps & included) for deps in template.dependencies.values())
        every_combination = template.product_size(included) * len(template.files)
        rows.append((option, per_file, every_combination))
    return rows


def plot(rows: list[tuple[str, int, int]], target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(8, 4.2), dpi=110)
    positions = range(1, len(rows) + 1)
    axes.plot(positions, [per_file for _, per_file, _ in rows], marker="o", label="per-file projections (checked)")
    axes.plot(positions, [every for _, _, every in rows], marker="s", label="every combination x every file")
    axes.set_yscale("log")
    axes.set_xticks(list(positions), [f"+{option}" for option, _, _ in rows], rotation=35, ha="right", fontsize=8)
    axes.set_xlabel("choice options included (cookiecutter.json order)")
    axes.set_ylabel("file renderings (log scale)")
    axes.set_title("Renderings checked per option added")
    axes.grid(alpha=0.3, which="both")
    axes.legend()
    figure.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target)
    print(f"plot written to {target}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-file", type=int, default=200, help="projections rendered per file at most")
    parser.add_argument("--full", action="store_true", help="render every projection of every file")
    parser.add_argument("--plot", type=Path, help="write the renderings-per-option plot (PNG) here")
    arguments = parser.parse_args(argv)

    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    started = time.process_time()
    template = projection.Template()
    dependencies = template.dependencies
    analysis = time.process_time() - started
    total = sum(template.product_size(deps) for deps in dependencies.values())
    print(f"dependency analysis: {analysis:.2f} s CPU for {len(dependencies)} files")
    print(f"valid combinations: {template.valid_combinations}; per-file renderings in all: {total}")

    rendered = 0
    distinct = set()
    started = time.process_time()
    for path in template.files:
        projections = template.projections(path)
        if not arguments.full:
            projections = itertools.islice(projections, arguments.per_file)
        for choices in projections:
            result = template.render(path, choices)
            distinct.add((path, result.output, hash(result.content)))
            rendered += 1
    elapsed = time.process_time() - started
    rate = rendered / elapsed
    print(f"rendered {rendered} projections ({len(distinct)} distinct outputs) in {elapsed:.1f} s CPU: {rate:.0f} /s")
    print(f"every per-file rendering at that rate: {total / rate:.0f} s CPU on one core")

    if arguments.plot:
        rows = growth(template)
        for option, per_file, every in rows:
            print(f"  +{option:<22} per-file {per_file:>12,}  every combination x file {every:>16,}")
        plot(rows, arguments.plot)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
