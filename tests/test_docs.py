"""Docs that cannot drift: the options tables are generated, and the refusal the docs quote is the real one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import options_reference

import baking

DOCS_OPTIONS = baking.TEMPLATE_DIR / "docs" / "options.md"


def test_every_option_of_cookiecutter_json_says_what_it_decides() -> None:
    options = [name for name in baking.OPTIONS if not name.startswith("_")]
    assert list(options_reference.DECIDES) == options, "DECIDES must list every option, in cookiecutter.json's order"
    assert len(options) == 24


def test_the_options_tables_are_the_generated_ones() -> None:
    """Run `make docs` when this fails: it rewrites the tables from cookiecutter.json."""
    for path in options_reference.TARGETS:
        text = path.read_text()
        assert text.count(options_reference.START) == 1, f"{path.name}: one options table between markers"
        assert text == options_reference.rendered(text), f"{path.name}: the options table is stale; run `make docs`"


def test_the_generated_table_has_a_row_per_option_with_its_prompt_and_choices() -> None:
    rows = [line for line in options_reference.table().splitlines() if line.startswith("| `")]
    assert len(rows) == 24
    graphql = next(row for row in rows if row.startswith("| `graphql` |"))
    assert "`strawberry`, `graphene`, `none`" in graphql
    assert "GraphQL API at /graphql/" in graphql
    assert "derived: `prodev_backend`" in next(row for row in rows if row.startswith("| `project_slug` |"))


def test_the_stale_check_exits_1_when_a_table_drifts(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "README.md"
    copy.write_text(options_reference.TARGETS[0].read_text().replace("| `graphql` |", "| `graphql_old` |"))
    monkeypatch.setattr(options_reference, "TARGETS", (copy,))
    assert options_reference.main([]) == 1
    assert options_reference.main(["--write"]) == 0
    assert options_reference.main([]) == 0
    assert "| `graphql` |" in copy.read_text()


BAD = ["project_slug=json", "author_email=nope", "domain_name=https://x.com/", "version=banana"]
EXAMPLE = re.compile(r"<!-- refusal-example -->\n```console\n(?P<block>.*?)\n```", re.DOTALL)


def test_the_refusal_quoted_in_docs_options_md_is_what_cookiecutter_prints(tmp_path: Path) -> None:
    """The doc's example is the real output of the CLI, with the user's home shown as /home/you."""
    (tmp_path / "cookiecutter-prodev-backend").symlink_to(baking.TEMPLATE_DIR)
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "COOKIECUTTER_CONFIG"}
    env.update(HOME=str(home), PWD=str(tmp_path))
    command = ["cookiecutter", "--no-input", "cookiecutter-prodev-backend", *BAD]
    result = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream, as a terminal shows it
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    output = result.stdout.replace(str(home), "/home/you").splitlines()

    match = EXAMPLE.search(DOCS_OPTIONS.read_text())
    assert match, "docs/options.md lacks the <!-- refusal-example --> console block"
    quoted = match["block"].splitlines()
    assert quoted[0] == "$ " + " ".join(command)
    first, last = quoted.index("=" * 78), len(quoted) - 1 - quoted[::-1].index("=" * 78)
    start = output.index("=" * 78)
    assert output[start : start + last - first + 1] == quoted[first : last + 1]
    # What cookiecutter prints after the block: the doc quotes its first and last lines.
    assert output[start + last - first + 1] == quoted[last + 1]
    assert output[-1] == quoted[-1]
    assert not (tmp_path / "prodev_backend").exists()


def _first_uv_command(lines: list[str]) -> int:
    return next(index for index, line in enumerate(lines) if re.match(r"^(cd \S+ && )?uv (sync|run)\b", line))


def test_both_readmes_say_how_to_get_uv_before_its_first_command(bake_cache) -> None:
    for readme in (baking.TEMPLATE_DIR / "README.md", bake_cache() / "README.md"):
        lines = readme.read_text().splitlines()
        first = _first_uv_command(lines)
        install = [index for index, line in enumerate(lines) if "pip install uv" in line]
        assert install, f"{readme}: no line says how to install uv"
        assert install[0] < first, f"{readme}: uv is used on line {first + 1} before the install line"


def test_the_choice_refusal_quoted_in_docs_options_md_is_cookiecutters_last_line(tmp_path: Path) -> None:
    result = baking.run_cookiecutter_cli(tmp_path, "python_version=3.11")
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ValueError: ")
    assert f"`{last}`" in " ".join(DOCS_OPTIONS.read_text().split()), f"docs/options.md does not quote: {last}"
    assert not list(tmp_path.iterdir())


def test_the_make_docs_script_runs_on_its_own_and_finds_the_tables_current() -> None:
    script = baking.TEMPLATE_DIR / "tests" / "options_reference.py"
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
