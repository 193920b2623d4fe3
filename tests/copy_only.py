"""The skeleton's files that hold no Jinja: cookiecutter.json lists them in ``_copy_without_render``.

Cookiecutter compiles every other file as a Jinja template; a file with no Jinja renders to its own bytes,
so copying it is the same output for less work (see docs/performance.md). The list is generated, never
written by hand: ``uv run python tests/copy_only.py --write`` rewrites it, and tests/test_copy_only.py
fails when it is stale (a listed file gained Jinja, or a file without Jinja is not listed).

Entries are paths relative to the skeleton, as cookiecutter matches them (fnmatch, on unrendered paths).
A directory whose whole tree holds no Jinja is listed once, as the directory: cookiecutter then copies it
with one ``copytree`` and never walks into it. A file whose name holds a Jinja block (``{% if %}``) is
never listed, even with plain contents: its name may render empty, and only the rendering path skips it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from cookiecutter.environment import StrictEnvironment

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
COOKIECUTTER_JSON = TEMPLATE_DIR / "cookiecutter.json"
SKELETON_DIR = TEMPLATE_DIR / "{{cookiecutter.project_slug}}"
KEY = "_copy_without_render"


def _environment() -> StrictEnvironment:
    """The environment cookiecutter renders with: same extensions, so every tag it knows parses here."""
    context = {"cookiecutter": json.loads(COOKIECUTTER_JSON.read_text())}
    if str(TEMPLATE_DIR) not in sys.path:  # _extensions names local_extensions, which cookiecutter imports from here
        sys.path.append(str(TEMPLATE_DIR))
    return StrictEnvironment(context=context, keep_trailing_newline=True)


def is_plain(path: Path, environment: StrictEnvironment) -> bool:
    """Whether cookiecutter's rendering of this file is its own bytes: no Jinja syntax, no carriage return.

    A carriage return counts as Jinja here because rendering rewrites line endings and copying does not.
    """
    data = path.read_bytes()
    if b"\r" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True  # cookiecutter copies binary files untouched in any case
    # Tokens, not the parse tree: a {% raw %} block parses to plain data but renders without its tags.
    return all(token == "data" for _, token, _ in environment.lex(text))


def plain_entries(skeleton: Path = SKELETON_DIR) -> list[str]:
    """Every plain file, with wholly plain directories folded into one entry, sorted."""
    environment = _environment()

    def walk(directory: Path) -> tuple[bool, list[str]]:
        """(whole tree plain, entries under it)."""
        all_plain, entries = True, []
        for child in sorted(directory.iterdir()):
            relative = child.relative_to(skeleton).as_posix()
            if child.is_dir():
                child_plain, child_entries = walk(child)
                entries.extend([relative] if child_plain else child_entries)
                all_plain = all_plain and child_plain
            elif "{%" not in child.name and is_plain(child, environment):
                entries.append(relative)
            else:
                all_plain = False
        return all_plain and "{%" not in directory.name, entries

    return sorted(walk(skeleton)[1])


def listed_entries() -> list[str]:
    return list(json.loads(COOKIECUTTER_JSON.read_text()).get(KEY, []))


def write_entries(entries: list[str]) -> None:
    """Replace the list in cookiecutter.json in place (one entry a line), leaving the rest of the file as it is."""
    text = COOKIECUTTER_JSON.read_text()
    block = f'  "{KEY}": [\n' + ",\n".join(f"    {json.dumps(entry)}" for entry in entries) + "\n  ],\n"
    pattern = re.compile(rf'^  "{KEY}": \[\n(?:.*\n)*?  \],\n', re.MULTILINE)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
    else:
        text = text.replace('  "_extensions"', block + '  "_extensions"', 1)
    COOKIECUTTER_JSON.write_text(text)
    assert listed_entries() == entries, "cookiecutter.json did not take the new list"


def main(argv: list[str]) -> int:
    expected, listed = plain_entries(), listed_entries()
    if "--write" in argv:
        write_entries(expected)
        print(f"{KEY}: {len(expected)} entries written to cookiecutter.json")
        return 0
    if expected == listed:
        print(f"{KEY} is up to date ({len(expected)} entries)")
        return 0
    print(f"{KEY} is stale: run `uv run python tests/copy_only.py --write`", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
