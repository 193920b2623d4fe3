"""Print the median wall time of 10 default bakes (render + hooks), as `make bench` runs it."""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE_DIR / "tests"))

import baking  # noqa: E402  (the test helper module, found through the line above)

ROUNDS = 10


@contextlib.contextmanager
def hooks_silenced():
    """Send file descriptor 1 to /dev/null: the post-gen hook prints next steps on every bake."""
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(devnull)
        os.close(saved)


def main() -> int:
    timings = []
    with tempfile.TemporaryDirectory(prefix="prodev-bench-") as scratch, hooks_silenced():
        baking.bake(Path(scratch) / "warm-up")
        for round_number in range(ROUNDS):
            started = time.perf_counter()
            baking.bake(Path(scratch) / str(round_number))
            timings.append(time.perf_counter() - started)
    print(
        f"default bake: median {statistics.median(timings) * 1000:.0f} ms over {ROUNDS} bakes "
        f"(min {min(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
