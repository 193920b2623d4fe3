"""Time from bake to green tests for the default project, with a warm uv cache.

Three steps, timed one by one as a user would run them: ``cookiecutter`` with the default answers, ``uv sync``
(the shared uv cache of the test suite, warmed by one untimed sync first), ``uv run pytest`` (SQLite, no
services: the generated README's first command). Prints each step's wall and CPU time (the command and its
children) and the totals, the median over ``--rounds`` rounds. ``make bench`` runs this script.

    uv run --frozen python benchmarks/bake_to_green.py [--rounds 1] [--python 3.13]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE_DIR / "tests"))
sys.path.insert(0, str(TEMPLATE_DIR))  # hooks/, which baking imports

import baking  # noqa: E402  (the test helper module, found through the line above)

STEPS = ("bake", "uv sync", "uv run pytest")


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its children) of one command that must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        sys.exit(
            f"$ {' '.join(command)} failed (exit {result.returncode}):\n{baking.tail(result.stdout + result.stderr)}"
        )
    return elapsed, cpu


def one_round(scratch: Path, uv: str, python: Path, *, run_tests: bool = True) -> dict[str, tuple[float, float]]:
    output = scratch / f"round-{len(list(scratch.iterdir()))}"
    bake = baking.cookiecutter_command(output)
    env = baking.clean_environment(UV_CACHE_DIR=str(baking.uv_cache_dir()), UV_PYTHON_DOWNLOADS="never")
    times = {"bake": timed(bake, scratch, env)}
    project = next(output.iterdir())
    times["uv sync"] = timed([uv, "sync", "--compile-bytecode", "--python", str(python)], project, env)
    if run_tests:
        times["uv run pytest"] = timed([uv, "run", "pytest", "-q", "-p", "no:cacheprovider"], project, env)
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--python", default=baking.DEFAULT_CHOICES["python_version"], help="3.X series to sync with")
    arguments = parser.parse_args(argv)

    uv = baking.uv_executable()
    python = baking.find_interpreter(arguments.python)
    if uv is None or python is None:
        sys.exit(f"needs uv and Python {arguments.python} (found uv={uv}, python={python})")
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"uv cache: {baking.uv_cache_dir()}, Python {python}")
    with tempfile.TemporaryDirectory(prefix="prodev-green-") as scratch:
        one_round(Path(scratch), uv, python, run_tests=False)  # warms the uv cache; not counted
        rounds = [one_round(Path(scratch), uv, python) for _ in range(arguments.rounds)]
    wall = {step: statistics.median(times[step][0] for times in rounds) for step in STEPS}
    cpu = {step: statistics.median(times[step][1] for times in rounds) for step in STEPS}
    for step in STEPS:
        print(f"{step:>14}: wall {wall[step]:6.1f} s, CPU {cpu[step]:6.1f} s")
    print(
        f"{'bake to green':>14}: wall {sum(wall.values()):6.1f} s, CPU {sum(cpu.values()):6.1f} s "
        f"(median of {arguments.rounds} round(s) per step)"
    )
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
