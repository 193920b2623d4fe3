"""Course starters: ``starter_mode=exercises`` cuts the marked solution regions into stubs, keeps every test and
writes EXERCISES.md, which lists each exercise's tests; ``make grade`` (grade.py) scores them.

Fast promises bake only. The integration promise runs each course preset both ways against real services: the
exercises bake fails exactly the tests EXERCISES.md lists, and the same project with the solution's files put
back (what a student hands in) passes its whole suite and scores every point.
"""

from __future__ import annotations

import filecmp
import importlib.util
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import baking
from test_integration import Environment, _broker_environment, _database_url, _redis_environment

PRESETS_DIR = baking.TEMPLATE_DIR / "presets"
COURSE_PRESETS = sorted(path.stem for path in PRESETS_DIR.glob("course-*.yaml") if path.stem != "course-starter")
STUB = re.compile(r'raise NotImplementedError\(\s*"exercise (?P<id>[a-z0-9-]+): ', re.MULTILINE)
# What the exercises bake adds to the solution bake besides the stubbed modules.
EXERCISE_FILES = {"EXERCISES.md", "grade.py", "Makefile"}


def course_answers(name: str) -> dict[str, str]:
    return yaml.safe_load((PRESETS_DIR / f"{name}.yaml").read_text())["default_context"]


def load_grade(project: Path) -> ModuleType:
    """The baked project's grade.py, imported as a module: the test reads EXERCISES.md the way it does."""
    spec = importlib.util.spec_from_file_location(f"grade_{project.name}", project / "grade.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stubs(project: Path) -> dict[str, list[Path]]:
    """Exercise id -> the Python files whose stub raises it."""
    found: dict[str, list[Path]] = {}
    for path in sorted(project.rglob("*.py")):
        if ".venv" in path.parts:
            continue
        for match in STUB.finditer(path.read_text()):
            found.setdefault(match["id"], []).append(path.relative_to(project))
    return found


def differing_files(solution: Path, exercises: Path) -> set[str]:
    """Files present in one bake and not the other, or with different bytes (.env's fresh secrets aside)."""
    names = {
        path.relative_to(root).as_posix()
        for root in (solution, exercises)
        for path in root.rglob("*")
        if path.is_file() and not {".git", ".venv"} & set(path.relative_to(root).parts)
    }
    names.discard(".env")
    return {
        name
        for name in names
        if not (solution / name).exists()
        or not (exercises / name).exists()
        or not filecmp.cmp(solution / name, exercises / name, shallow=False)
    }


# --- every bake ------------------------------------------------------------------------------------------------


def test_a_solution_bake_holds_no_stub_no_exercise_list_and_no_grade_target(default_bake: Path) -> None:
    assert not stubs(default_bake)
    assert not (default_bake / "EXERCISES.md").exists()
    assert not (default_bake / "grade.py").exists()
    assert "grade" not in (default_bake / "Makefile").read_text()
    assert not [path for path, text in baking.text_files(default_bake) if "EXERCISES.md" in text]


@pytest.mark.parametrize("name", COURSE_PRESETS)
def test_a_course_preset_bakes_one_stub_per_exercise_and_lists_tests_that_exist(tmp_path: Path, name: str) -> None:
    answers = {**course_answers(name), "init_git": "n"}
    assert answers["starter_mode"] == "exercises"
    project = baking.bake(tmp_path / "exercises", **answers)
    solution = baking.bake(tmp_path / "solution", **{**answers, "starter_mode": "solution"})
    listed = load_grade(project).exercises((project / "EXERCISES.md").read_text())
    assert listed, "EXERCISES.md lists no exercise"
    stubbed = stubs(project)
    assert [exercise.id for exercise in listed] == sorted(stubbed, key=[e.id for e in listed].index)
    assert set(stubbed) == {exercise.id for exercise in listed}, "a stub without its exercise, or the reverse"
    for exercise in listed:
        assert exercise.points > 0, exercise
        assert exercise.tests, exercise
        for test_id in exercise.tests:
            path, _, name_with_params = test_id.partition("::")
            function = name_with_params.split("::")[-1].split("[")[0]
            assert (project / path).is_file(), f"{exercise.id}: {path} is not in the bake"
            assert f"def {function}(" in (project / path).read_text(), f"{exercise.id}: no {test_id}"
    # Regions are cut, not added: every other file is the solution's, byte for byte.
    stubbed_files = {path.as_posix() for paths in stubbed.values() for path in paths}
    assert differing_files(solution, project) == stubbed_files | EXERCISE_FILES


def test_the_score_table_gives_each_exercise_its_share_of_points(tmp_path: Path) -> None:
    answers = {**course_answers(COURSE_PRESETS[0]), "init_git": "n"}
    grade = load_grade(baking.bake(tmp_path, **answers))
    one = grade.Exercise("one", 40, ["a.py::test_a", "a.py::test_b", "b.py::Case::test_c", "b.py::test_d[1]"])
    two = grade.Exercise("two", 10, ["a.py::test_a"])
    text, complete = grade.table([one, two], {"a.py::test_b", "b.py::Case::test_c"})
    assert not complete
    assert text.splitlines()[1:] == [
        f"{'one':<24} {'2/4':>9} {'20/40':>9}",
        f"{'two':<24} {'0/1':>9} {'0/10':>9}",
        f"{'total':<24} {'':>9} {'20/50':>9}",
    ]
    assert grade.table([two], {"a.py::test_a"})[1]
    assert grade.report_key("pkg/app/tests/test_x.py::Case::test_y[2]") == ("pkg.app.tests.test_x.Case", "test_y[2]")


def test_the_score_table_in_the_instructors_guide_is_what_grade_prints_for_a_fresh_starter(tmp_path: Path) -> None:
    answers = {**course_answers("course-rest-jwt"), "init_git": "n"}
    project = baking.bake(tmp_path, **answers)
    grade = load_grade(project)
    printed, _complete = grade.table(grade.exercises((project / "EXERCISES.md").read_text()), set())
    guide = (baking.TEMPLATE_DIR / "docs" / "instructors.md").read_text()
    quoted = guide.split("$ make grade\n...\n", 1)[1].split("```", 1)[0].rstrip("\n")
    assert quoted == printed


# --- both directions, against real services -------------------------------------------------------------------


def failed_tests(report: Path) -> set[tuple[str, str]]:
    """(classname, name) of every test that failed or errored in a JUnit report."""
    cases = ElementTree.parse(report).getroot().iter("testcase")  # noqa: S314 (written by the suite just now)
    return {
        (case.get("classname", ""), case.get("name", ""))
        for case in cases
        if case.find("failure") is not None or case.find("error") is not None
    }


@pytest.mark.integration
@pytest.mark.parametrize("name", COURSE_PRESETS)
def test_exercises_fail_exactly_their_listed_tests_and_the_solution_passes_them_all(
    name: str,
    tmp_path: Path,
    uv: str,
    postgresql: str,
    redis_server: str,
    run_id: str,
) -> None:
    answers = {**course_answers(name), "init_git": "n"}
    combination = {option: answers[option] for option in baking.CHOICE_OPTIONS}
    interpreter = baking.find_interpreter(answers["python_version"])
    if interpreter is None:
        baking.fail_or_skip(f"no Python {answers['python_version']} interpreter found")
    project = baking.bake(tmp_path / "exercises", **answers)
    solution = baking.bake(tmp_path / "solution", **{**answers, "starter_mode": "solution"})
    handed_in = differing_files(solution, project) - EXERCISE_FILES
    env = baking.clean_environment(UV_CACHE_DIR=str(baking.uv_cache_dir()), UV_PYTHON_DOWNLOADS="never")
    synced = baking.run([uv, "sync", "--python", str(interpreter)], cwd=project, env=env, timeout=900)
    assert synced.ok, synced.report
    environment = Environment(project=project, python=project / ".venv" / "bin" / "python")
    services = {
        "DATABASE_URL": _database_url(postgresql, {**combination, "starter": "exercises"}, run_id),
        **_broker_environment(combination, redis_server),
        **_redis_environment(combination, redis_server),
    }
    grade = load_grade(project)
    listed = {
        grade.report_key(test) for e in grade.exercises((project / "EXERCISES.md").read_text()) for test in e.tests
    }

    # The stubs type-check as the solution does (ruff is the exhaustive layer's, over every rendering).
    typed = environment.run("-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache"), ".")
    assert typed.ok, typed.report

    report = tmp_path / "exercises.xml"
    run = environment.run(
        "-m",
        "pytest",
        "-m",
        "",
        "-p",
        "no:cacheprovider",
        f"--junitxml={report}",
        COVERAGE_FILE=str(tmp_path / ".coverage"),
        **services,
    )
    assert not run.ok, "the exercises bake passes its suite: nothing was cut"
    failed = failed_tests(report)
    assert failed == listed, (
        f"failing but not in EXERCISES.md: {sorted(failed - listed)}\n"
        f"in EXERCISES.md but passing: {sorted(listed - failed)}\n{run.report}"
    )
    graded = environment.run("grade.py", **services)
    assert not graded.ok, graded.report
    assert "total" in graded.stdout, graded.report

    # Each exercise alone, the others done: its own tests fail, and only they (a shared test is listed twice).
    exercises = grade.exercises((project / "EXERCISES.md").read_text())
    stubbed = stubs(project)
    cut = {path: (project / path).read_bytes() for paths in stubbed.values() for path in paths}
    every_test = sorted({test for exercise in exercises for test in exercise.tests})
    for exercise in exercises if len(exercises) > 1 else ():
        for path in cut:
            content = cut[path] if path in stubbed[exercise.id] else (solution / path).read_bytes()
            (project / path).write_bytes(content)
        alone = tmp_path / f"{exercise.id}.xml"
        environment.run(
            "-m",
            "pytest",
            "-m",
            "",
            "--no-cov",
            "-p",
            "no:cacheprovider",
            f"--junitxml={alone}",
            *every_test,
            **services,
        )
        expected = {grade.report_key(test) for test in exercise.tests}
        assert failed_tests(alone) == expected, f"{exercise.id} alone: {sorted(failed_tests(alone) ^ expected)}"

    # What a student hands in: the stubbed modules written as the solution has them.
    for relative in handed_in:
        shutil.copyfile(solution / relative, project / relative)
    done = environment.run(
        "-m", "pytest", "-m", "", "-p", "no:cacheprovider", COVERAGE_FILE=str(tmp_path / ".coverage"), **services
    )
    assert done.ok, done.report
    graded = environment.run("grade.py", **services)
    assert graded.ok, graded.report
    total = graded.stdout.strip().splitlines()[-1].split()
    scored, possible = total[-1].split("/")
    assert total[0] == "total", graded.report
    assert scored == possible, graded.report
