"""Score the exercises of EXERCISES.md: run each one's tests once and print a table of points.

    uv run python grade.py                 # every exercise (make grade)
    uv run python grade.py order-place     # only the exercises named

EXERCISES.md is the one list: each exercise's heading gives its id and points, and the quoted test
ids of its command are its tests. A test listed under two exercises needs both. The exit status is
0 when every test passes, 1 otherwise, so a CI job or an autograder can use it as it is.
"""

import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
HEADING = re.compile(r"^## (?P<id>[a-z0-9-]+): .* \((?P<points>\d+) points\)$")
TEST_ID = re.compile(r'^\s+"(?P<test>[^"]+\.py::[^"]+)"')


@dataclass
class Exercise:
    id: str
    points: int
    tests: list[str]


def exercises(text: str) -> list[Exercise]:
    """The exercises of EXERCISES.md, in its order, each with the tests of its command."""
    found: list[Exercise] = []
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            found.append(Exercise(heading["id"], int(heading["points"]), []))
        test = TEST_ID.match(line)
        if test and found:
            found[-1].tests.append(test["test"])
    return found


def report_key(test_id: str) -> tuple[str, str]:
    """The (classname, name) pair pytest's JUnit report gives the test ``path.py::[Class::]name``."""
    path, *scopes = test_id.split("::")
    module = path.removesuffix(".py").replace("/", ".")
    return ".".join([module, *scopes[:-1]]), scopes[-1]


def passed_tests(test_ids: list[str]) -> set[str]:
    """Run the tests once and return those that passed: no coverage gate (a subset never reaches it),
    and no marker deselected (an exercise may be graded by the API fuzzer, marker fuzz)."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.xml"
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-m",
            "",
            "--no-cov",
            "-q",
            "-p",
            "no:cacheprovider",
        ]
        subprocess.run([*command, f"--junitxml={report}", *test_ids], cwd=ROOT, check=False)  # noqa: S603
        if not report.exists():
            return set()
        # The report was written by pytest a moment ago, in a folder of this process's own.
        cases = ElementTree.parse(report).getroot().iter("testcase")  # noqa: S314
        green = {
            (case.get("classname", ""), case.get("name", ""))
            for case in cases
            if not any(
                case.find(outcome) is not None for outcome in ("failure", "error", "skipped")
            )
        }
    return {test_id for test_id in test_ids if report_key(test_id) in green}


def table(chosen: list[Exercise], passed: set[str]) -> tuple[str, bool]:
    """The score table, and whether every test passed."""
    rows = [f"{'exercise':<24} {'tests':>9} {'points':>9}"]
    scored = possible = 0
    for exercise in chosen:
        done = sum(test in passed for test in exercise.tests)
        total = len(exercise.tests)
        points = exercise.points * done // total if total else 0
        scored, possible = scored + points, possible + exercise.points
        rows.append(f"{exercise.id:<24} {f'{done}/{total}':>9} {f'{points}/{exercise.points}':>9}")
    rows.append(f"{'total':<24} {'':>9} {f'{scored}/{possible}':>9}")
    return "\n".join(rows), scored == possible


def main(arguments: list[str]) -> int:
    known = exercises((ROOT / "EXERCISES.md").read_text(encoding="utf-8"))
    unknown = sorted(set(arguments) - {exercise.id for exercise in known})
    if unknown:
        print(
            f"No such exercise: {', '.join(unknown)}. EXERCISES.md lists: {', '.join(e.id for e in known)}"
        )
        return 2
    chosen = [exercise for exercise in known if not arguments or exercise.id in arguments]
    test_ids = sorted({test for exercise in chosen for test in exercise.tests})
    text, complete = table(chosen, passed_tests(test_ids))
    print(f"\n{text}")
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
