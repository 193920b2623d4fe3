"""cookiecutter.json's ``_copy_without_render`` lists exactly the skeleton's files that hold no Jinja."""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import copy_only
import pytest

import baking

FIX = "regenerate it with `uv run python tests/copy_only.py --write`"


def test_copy_without_render_lists_exactly_the_files_without_jinja() -> None:
    expected, listed = copy_only.plain_entries(), copy_only.listed_entries()

    gained_jinja = sorted(set(listed) - set(expected))
    unlisted_plain = sorted(set(expected) - set(listed))
    assert not gained_jinja, f"listed but now hold Jinja (or are gone): {gained_jinja}; {FIX}"
    assert not unlisted_plain, f"hold no Jinja but are not listed: {unlisted_plain}; {FIX}"
    assert listed == expected, f"the list is out of order; {FIX}"


def test_every_entry_names_one_path_of_the_skeleton() -> None:
    """Entries are literal paths: no glob that could start matching a file that holds Jinja later."""
    skeleton_paths = {path.relative_to(baking.SKELETON_DIR).as_posix() for path in baking.SKELETON_DIR.rglob("*")}
    for entry in copy_only.listed_entries():
        assert entry in skeleton_paths, f"{entry} is not a path of the skeleton"
        assert not any(character in entry for character in "*?["), f"{entry} is a glob"
        assert len(fnmatch.filter(skeleton_paths, entry)) == 1


def test_every_listed_file_renders_to_its_own_bytes() -> None:
    """What copying gives is what rendering gave: each listed file, rendered with the default answers."""
    environment = copy_only._environment()
    context = baking.rendered_context()
    listed = [baking.SKELETON_DIR / entry for entry in copy_only.listed_entries()]
    files = [path for entry in listed for path in ([entry] if entry.is_file() else sorted(entry.rglob("*")))]
    checked = 0
    for path in files:
        if path.is_file():
            text = path.read_text()
            assert environment.from_string(text).render(cookiecutter=context) == text, path
            checked += 1
    assert checked > 100


def test_the_classifier_sees_every_kind_of_jinja(tmp_path: Path) -> None:
    """A planted skeleton: which of its files and folders copy_only lists, and which it leaves to rendering."""
    files = {
        "plain.py": "print('no template here')\n",
        "empty.txt": "",
        "expression.py": "name = '{{ cookiecutter.project_slug }}'\n",
        "statement.py": "{% if cookiecutter.sentry == 'y' %}x = 1\n{% endif %}",
        "comment.md": "{# a note #}text\n",
        "raw.html": "{% raw %}{% extends 'base.html' %}{% endraw %}\n",
        "crlf.txt": "windows\r\nline endings\r\n",
        '{% if cookiecutter.docker == "y" %}conditional.yml{% endif %}': "plain: contents\n",
        "plain_dir/a.py": "a = 1\n",
        "plain_dir/nested/b.py": "b = 2\n",
        "mixed_dir/c.py": "c = 3\n",
        "mixed_dir/d.py": "d = '{{ cookiecutter.project_name }}'\n",
        "{{cookiecutter.project_slug}}/e.py": "e = 5\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(text.encode())

    assert copy_only.plain_entries(tmp_path) == [
        "empty.txt",
        "mixed_dir/c.py",
        "plain.py",
        "plain_dir",
        "{{cookiecutter.project_slug}}",
    ]


def test_the_writer_keeps_the_rest_of_cookiecutter_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = copy_only.COOKIECUTTER_JSON.read_text()
    copy = tmp_path / "cookiecutter.json"
    copy.write_text(original)
    monkeypatch.setattr(copy_only, "COOKIECUTTER_JSON", copy)

    copy_only.write_entries(["a", "b"])
    rewritten = json.loads(copy.read_text())
    assert rewritten["_copy_without_render"] == ["a", "b"]
    assert {k: v for k, v in rewritten.items() if k != "_copy_without_render"} == {
        k: v for k, v in json.loads(original).items() if k != "_copy_without_render"
    }

    copy_only.write_entries(json.loads(original)["_copy_without_render"])
    assert copy.read_text() == original
