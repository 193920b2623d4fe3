"""MkDocs hooks of the docs site (mkdocs.yml): the generated project's own docs, baked at build time.

The skeleton's README.md and docs/*.md are Jinja templates, so the site cannot include them as they are. Each
build bakes ``presets/full.yaml`` (every feature on, the ecommerce example app) and the same preset with
``example_app=cms`` into a temporary folder, offline, and adds the rendered pages under ``generated/``: the
full bake's README as ``generated/index.md`` and every ``docs/*.md`` of either bake (the cms bake adds only what
the full one lacks). Links into these pages from the guides are then checked by ``mkdocs build --strict`` like
any other. Nothing is written to the template.

It also writes ``screenshots.md``, a page of every PNG in ``docs/screenshots/``, when there is one (and no
``docs/screenshots.md`` written by hand): add ``- Screenshots: screenshots.md`` to the nav to show it.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.structure.files import File, Files

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
for folder in (TEMPLATE_DIR, TEMPLATE_DIR / "tests"):  # baking imports hooks/ from the template folder
    if str(folder) not in sys.path:
        sys.path.append(str(folder))

import architecture  # noqa: E402

import baking  # noqa: E402

# (folder under the build's temporary directory, answers on top of presets/full.yaml)
BAKES: tuple[tuple[str, dict[str, str]], ...] = (("full", {}), ("cms", {"example_app": "cms"}))
NOTE = (
    '!!! note "Generated page"\n'
    "    Rendered at build time from a bake of `presets/full.yaml`{extra}: this is the generated project's "
    "`{path}`, as a project baked with these answers has it.\n\n"
)


@functools.cache
def generated_pages() -> dict[str, str]:
    """Site path -> Markdown of every generated page, from bakes run side by side (once per process)."""
    preset = architecture.preset_answers()
    pages: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="prodev-docsite-") as root:
        running = []
        for name, extra in BAKES:
            answers = {**preset, **extra}
            overrides = [f"{key}={value}" for key, value in answers.items()]
            command = baking.cookiecutter_command(Path(root, name), *overrides)
            running.append(
                (
                    name,
                    extra,
                    Path(root, name, answers["project_slug"]),
                    subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True),
                )
            )
        for name, extra, project, process in running:
            output, _ = process.communicate(timeout=300)
            if process.returncode:
                raise SystemExit(f"docs site: the {name} bake failed:\n{output}")
            suffix = "".join(f" with `{key}={value}`" for key, value in extra.items())
            sources = [(project / "README.md", "index.md")]
            sources += [(path, path.name) for path in sorted((project / "docs").glob("*.md"))]
            for source, target in sources:
                site_path = f"generated/{target}"
                if site_path not in pages:
                    relative = source.relative_to(project).as_posix()
                    pages[site_path] = NOTE.format(extra=suffix, path=relative) + source.read_text()
    return pages


def screenshots_page(docs_dir: Path) -> str | None:
    """A page showing every PNG of docs/screenshots/ in name order, or None while there is none."""
    shots = sorted((docs_dir / "screenshots").glob("*.png"))
    if not shots:
        return None
    lines = [
        "# Screenshots",
        "",
        "The generated project in a real browser, as the browser test saves them in `docs/screenshots/`",
        "(`tests/test_browser.py`, `--update-screenshots`). This page lists every file there, in name order.",
    ]
    for shot in shots:
        lines += ["", f"## {shot.stem}", "", f"![{shot.stem}](screenshots/{shot.name})"]
    return "\n".join(lines) + "\n"


def on_files(files: Files, config) -> Files:
    for site_path, content in generated_pages().items():
        files.append(File.generated(config, site_path, content=content))
    page = screenshots_page(Path(config["docs_dir"]))
    if page is not None and files.get_file_from_path("screenshots.md") is None:
        files.append(File.generated(config, "screenshots.md", content=page))
    return files
