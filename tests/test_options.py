"""Promises about answers: every option value bakes, and a bad answer is refused before anything is written."""

from __future__ import annotations

import json
import math
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import baking

OPTION_VALUES = [(option, value) for option, values in baking.CHOICE_OPTIONS.items() for value in values]


@pytest.mark.parametrize(("option", "value"), OPTION_VALUES, ids=[f"{o}={v}" for o, v in OPTION_VALUES])
def test_every_option_value_bakes(cookies, option: str, value: str) -> None:
    result = cookies.bake(extra_context={option: value}, template=str(baking.TEMPLATE_DIR))
    assert result.exception is None, f"{option}={value} does not bake: {result.exception!r}"
    assert result.exit_code == 0
    assert result.project_path.is_dir()
    assert result.project_path.name == result.context["project_slug"]
    assert result.context[option] == value


def test_the_message_after_a_bake_prints_the_admin_url_from_env(tmp_path: Path) -> None:
    result = baking.run_cookiecutter_cli(tmp_path, "project_slug=my_shop")

    assert result.returncode == 0, result.stderr
    admin = baking.read_env_file(tmp_path / "my_shop" / ".env")["DJANGO_ADMIN_URL"]
    assert admin.startswith("admin-"), admin
    assert admin.endswith("/"), admin
    assert f"  http://127.0.0.1:8000/{admin}\n" in result.stdout, result.stdout
    # The secret path lives only in the git-ignored .env, never in a file that would be committed.
    tracked = [path for path, text in baking.text_files(tmp_path / "my_shop") if admin in text]
    assert [path.name for path in tracked] == [".env"], tracked


# (option, bad value): each must stop the bake with one line naming both, in the framed block.
BAD_ANSWERS = [
    ("project_slug", "My-Shop"),
    ("project_slug", "class"),
    ("project_slug", "json"),
    ("project_slug", "django"),
    ("project_slug", "tests"),
    ("project_slug", "1shop"),
    ("author_email", "not-an-email"),
    ("domain_name", "https://example.com"),
    ("domain_name", "example.com/path"),
    ("version", "one"),
    ("timezone", "Mars/Olympus"),
    ("project_name", "  "),
    ("description", 'a "quoted" word'),
    ("author_name", "back\\slash"),
]


@pytest.mark.parametrize(("option", "value"), BAD_ANSWERS, ids=[f"{o}={v!r}" for o, v in BAD_ANSWERS])
def test_a_bad_answer_is_refused_with_one_line_naming_it(tmp_path: Path, option: str, value: str) -> None:
    result = baking.run_cookiecutter_cli(tmp_path, f"{option}={value}")

    assert result.returncode != 0, f"{option}={value!r} was accepted:\n{result.stdout}\n{result.stderr}"
    refusals = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert len(refusals) == 1, f"expected one '  - ' line in stderr, got:\n{result.stderr}"
    assert refusals[0].startswith(f"  - {option}={value!r} is refused: "), refusals[0]
    assert ". Allowed: " in refusals[0]
    assert not list(tmp_path.iterdir()), f"a refused bake left files behind: {list(tmp_path.iterdir())}"


def test_every_bad_answer_is_refused_at_once_and_the_printed_replay_command_bakes_once_corrected(
    tmp_path: Path,
) -> None:
    bad = {"project_slug": "json", "author_email": "nope", "domain_name": "https://x.com/", "version": "banana"}
    result = baking.run_cookiecutter_cli(tmp_path, *(f"{key}={value}" for key, value in bad.items()))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    refused = [line.removeprefix("  - ").split("=", 1)[0] for line in lines if line.startswith("  - ")]
    assert refused == list(bad)
    command = shlex.split(next(line for line in lines if line.startswith("  cookiecutter --replay-file ")))
    replay = Path(command[command.index("--replay-file") + 1])
    assert replay.parent == baking.cookiecutter_config_file().parent / "replay"
    assert not list(tmp_path.iterdir())

    saved = json.loads(replay.read_text())
    saved["cookiecutter"].update(project_slug="shop", author_email="a@example.com", domain_name="x.com", version="1.0")
    replay.write_text(json.dumps(saved))
    rerun = subprocess.run(
        [sys.executable, "-m", *command, "--config-file", str(baking.cookiecutter_config_file())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert 'version = "1.0"' in (tmp_path / "shop" / "pyproject.toml").read_text()


def test_a_choice_outside_the_choices_is_refused_by_cookiecutter(tmp_path: Path) -> None:
    result = baking.run_cookiecutter_cli(tmp_path, "api_auth=oauth")

    assert result.returncode != 0
    assert "oauth" in result.stderr
    assert "api_auth" in result.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("project_name", "slug"),
    [("My Shop", "my_shop"), ("ProDev Backend", "prodev_backend"), ("Café Übersicht 2", "cafe_ubersicht_2")],
)
def test_the_slug_is_derived_from_the_project_name(project_name: str, slug: str) -> None:
    assert baking.rendered_context(project_name=project_name)["project_slug"] == slug


def test_an_explicit_slug_wins_over_the_derived_one() -> None:
    assert baking.rendered_context(project_name="My Shop", project_slug="shop_api")["project_slug"] == "shop_api"


def test_the_project_folder_is_named_after_the_slug(bake_cache) -> None:
    assert bake_cache(project_name="My Shop").name == "my_shop"


@pytest.mark.parametrize("options", [baking.CHOICE_OPTIONS, baking.RUNTIME_OPTIONS], ids=["rendering", "integration"])
def test_the_covering_set_holds_every_pair_of_choices_and_starts_with_the_defaults(
    options: dict[str, tuple[str, ...]],
) -> None:
    rows = baking.covering_set(options)
    assert rows[0] == {name: values[0] for name, values in options.items()}
    names = list(options)
    missing = [
        f"{first}={first_value}, {second}={second_value}"
        for index, first in enumerate(names)
        for second in names[index + 1 :]
        for first_value in options[first]
        for second_value in options[second]
        if baking.is_sensible({first: first_value, second: second_value})
        and not any(row[first] == first_value and row[second] == second_value for row in rows)
    ]
    assert not missing, f"pairs the covering set never bakes: {missing}"
    assert len(rows) < math.prod(len(values) for values in options.values()) or len(names) < 3


def test_every_choice_option_of_cookiecutter_json_is_combined() -> None:
    raw = json.loads(baking.COOKIECUTTER_JSON.read_text())
    choices = {name for name, value in raw.items() if isinstance(value, list) and not name.startswith("_")}
    assert set(baking.CHOICE_OPTIONS) == choices
    assert baking.NO_RUNTIME_EFFECT.issubset(choices), "NO_RUNTIME_EFFECT names an option cookiecutter.json lacks"
    assert set(baking.RUNTIME_OPTIONS) == choices - baking.NO_RUNTIME_EFFECT - set(baking.OWN_TEST_OPTIONS)


def test_an_option_held_out_of_the_integration_layer_has_its_own_test() -> None:
    """OWN_TEST_OPTIONS are runtime options (not NO_RUNTIME_EFFECT) whose test module exists and names them."""
    for option, module in baking.OWN_TEST_OPTIONS.items():
        assert option in baking.CHOICE_OPTIONS
        assert option not in baking.NO_RUNTIME_EFFECT
        assert option in (baking.TEMPLATE_DIR / module).read_text(), f"{module} never mentions {option}"
