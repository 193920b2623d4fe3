"""Optional code lives in files of its own: each Python file of the skeleton keeps to its ceiling of conditionals."""

from __future__ import annotations

from pathlib import Path

import conditionals


def test_no_python_file_holds_more_conditionals_than_its_ceiling() -> None:
    over = {
        path: f"{count} > {conditionals.CEILINGS.get(path, 0)}"
        for path, count in conditionals.conditionals().items()
        if count > conditionals.CEILINGS.get(path, 0)
    }
    assert not over, (
        f"more Jinja conditionals than allowed: {over}. An option that adds code adds a file (a settings "
        "component, a module of its own, a row of KEEP_ONLY_WHEN); raise a ceiling in tests/conditionals.py "
        "only where the choice cannot be a file."
    )


def test_the_ceilings_name_only_files_the_skeleton_has() -> None:
    missing = [path for path in conditionals.CEILINGS if not (conditionals.SKELETON_DIR / path).is_file()]
    assert not missing, f"ceilings for files that no longer exist: {missing}"


def test_the_count_finds_every_form_of_the_tag(tmp_path: Path) -> None:
    (tmp_path / "module.py").write_text(
        '{% if a %}\nx = 1\n{%- elif b %}\nx = 2\n{%- endif %}\nimport os{% if c %}, sys{% endif %}\n{{ "if" }}\n'
    )

    assert conditionals.conditionals(tmp_path) == {"module.py": 3}
