"""The docs site: `mkdocs build --strict` passes with no warning, its generated parts are current, and what its
troubleshooting page quotes is what the tools print."""

from __future__ import annotations

import ast
import fcntl
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import architecture
import mkdocs_hooks
import pytest
import yaml

import baking

TEMPLATE = baking.TEMPLATE_DIR
DOCS = TEMPLATE / "docs"
MKDOCS_YML = TEMPLATE / "mkdocs.yml"
TROUBLESHOOTING = DOCS / "troubleshooting.md"
SCRIPTS = Path(sysconfig.get_path("scripts"))


class _MkDocsLoader(yaml.SafeLoader):
    """mkdocs.yml names a Python function with a !!python/name tag; reading the file needs only its shape."""


_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


def mkdocs_config() -> dict:
    return yaml.load(MKDOCS_YML.read_text(), Loader=_MkDocsLoader)  # noqa: S506 (a SafeLoader subclass)


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's notice about its successor, printed each build
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def nav_pages(nav: list) -> list[str]:
    pages = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site as `make docs-site` builds it (the template's mkdocs.yml, --strict), and the build's output.

    Built once per run, by whichever xdist worker asks first, in a folder the workers share and under a lock:
    xdist_group does not keep tests on one worker with pytest 9.2 and pytest-xdist 3.8 (see test_integration.py).
    """
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "docsite"
    root.mkdir(exist_ok=True)
    output, log = root / "site", root / "build.log"
    with (root / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            result = mkdocs_build(MKDOCS_YML, output)
            log.write_text(f"exit status {result.returncode}\n{result.stdout}{result.stderr}")
    text = log.read_text()
    assert text.startswith("exit status 0\n"), text
    return output, text


# --- The build ---------------------------------------------------------------------------------------------------


def test_the_site_builds_in_strict_mode_with_no_warning(site: tuple[Path, str]) -> None:
    root, log = site
    assert "WARNING" not in log, log
    assert (root / "index.html").is_file()
    assert (root / "search" / "search_index.json").is_file()


def test_every_page_of_the_nav_is_built_and_every_page_under_docs_is_in_the_nav(site: tuple[Path, str]) -> None:
    root, _ = site
    pages = nav_pages(mkdocs_config()["nav"])
    for page in pages:
        built = root / (page.removesuffix(".md").removesuffix("index") + "/index.html").lstrip("/")
        assert built.is_file(), f"{page} is in the nav but was not built ({built})"
    # The strict build refuses a page left out of the nav (validation.nav.omitted_files); this says it twice.
    written = {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}
    assert written <= set(pages), f"pages under docs/ missing from mkdocs.yml's nav: {sorted(written - set(pages))}"


def test_the_site_loads_nothing_from_another_origin(site: tuple[Path, str]) -> None:
    """No web fonts, scripts or styles from elsewhere: pages link to other sites, they do not load from them."""
    root, _ = site
    loads = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.IGNORECASE)
    offenders = [path for path in root.rglob("*.html") if loads.search(path.read_text())]
    assert not offenders, offenders
    # The exception docs/maintaining.md names: Material's script loads Mermaid from unpkg.com to draw diagrams.
    bundle = "".join(path.read_text() for path in (root / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert "https://unpkg.com/mermaid@" in bundle


def test_the_build_fetches_nothing_and_checks_every_internal_link_and_anchor() -> None:
    config = mkdocs_config()
    assert [plugin if isinstance(plugin, str) else next(iter(plugin)) for plugin in config["plugins"]] == ["search"]
    assert config["theme"]["font"] is False
    assert config["strict"] is True
    validation = config["validation"]
    assert validation["links"] == dict.fromkeys(
        ("not_found", "anchors", "absolute_links", "unrecognized_links"), "warn"
    )
    assert validation["nav"] == dict.fromkeys(("omitted_files", "not_found", "absolute_links"), "warn")


def test_a_broken_anchor_and_a_page_left_out_of_the_nav_fail_the_build(tmp_path: Path) -> None:
    """The validation block of mkdocs.yml, on a two-page site: the warning quoted by docs/troubleshooting.md."""
    config = mkdocs_config()
    (tmp_path / "docs" / "guides").mkdir(parents=True)
    (tmp_path / "docs" / "options.md").write_text("# Options\n\n### `api_auth`\n")
    (tmp_path / "docs" / "guides" / "rest.md").write_text("# REST\n\n[auth](../options.md#api-auth)\n")
    (tmp_path / "docs" / "orphan.md").write_text("# Orphan\n")
    small = {
        "site_name": "broken",
        "validation": config["validation"],
        "nav": [{"Options": "options.md"}, {"REST": "guides/rest.md"}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(small))
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    quoted = re.search(r"```text\n(WARNING .*?)\n```", TROUBLESHOOTING.read_text())
    assert quoted, "docs/troubleshooting.md quotes no mkdocs warning"
    assert quoted[1] in warnings, warnings
    assert any("orphan.md" in line for line in result.stderr.splitlines()), result.stderr


# --- What the site shows -----------------------------------------------------------------------------------------


def test_the_quick_start_is_the_readme_s_own_text(site: tuple[Path, str]) -> None:
    root, _ = site
    index = (DOCS / "index.md").read_text()
    assert '--8<-- "README.md:quickstart"' in index
    page = (root / "index.html").read_text()
    assert "The two commands" in page
    assert "pip install uv" in page


def test_the_generated_project_pages_are_rendered_bakes_without_jinja(site: tuple[Path, str]) -> None:
    root, _ = site
    skeleton_docs = {path.name for path in (baking.SKELETON_DIR / "docs").glob("*.md")}
    built = {path.parent.name + ".md" for path in (root / "generated").glob("*/index.html")}
    assert built == skeleton_docs, "every doc of the skeleton has its generated page"
    for page in (root / "generated").rglob("index.html"):
        text = page.read_text().replace(" ", "")
        assert "{{cookiecutter" not in text, page
        assert "{%if" not in text, page
    readme = (root / "generated" / "index.html").read_text()
    assert "ProDev Full Backend" in readme
    assert "Generated page" in readme


def test_the_screenshots_page_shows_every_png_of_docs_screenshots_and_is_absent_without_one(tmp_path: Path) -> None:
    assert mkdocs_hooks.screenshots_page(tmp_path) is None
    (tmp_path / "screenshots").mkdir()
    assert mkdocs_hooks.screenshots_page(tmp_path) is None
    for name in ("swagger-wide.png", "graphiql-narrow.png", "notes.txt"):
        (tmp_path / "screenshots" / name).write_bytes(b"")
    page = mkdocs_hooks.screenshots_page(tmp_path)
    assert page is not None
    assert page.startswith("# Screenshots\n")
    assert re.findall(r"!\[.*?\]\((.*?)\)", page) == ["screenshots/graphiql-narrow.png", "screenshots/swagger-wide.png"]


def test_the_docs_site_does_not_leak_into_a_generated_project(default_bake: Path) -> None:
    assert not (default_bake / "mkdocs.yml").exists()
    baked_docs = {path.name for path in (default_bake / "docs").iterdir()}
    assert baked_docs <= {path.name for path in (baking.SKELETON_DIR / "docs").iterdir()}
    # Both have an architecture page and a performance page of their own; the site keeps them apart.
    assert not baked_docs & {path.name for path in DOCS.iterdir()} - {"architecture.md", "performance.md"}


# --- The architecture diagrams -----------------------------------------------------------------------------------


def test_the_architecture_diagrams_are_the_generated_ones() -> None:
    """Run `make docs` when this fails: it redraws the diagrams from a bake of presets/full.yaml."""
    python = architecture.preset_answers()["python_version"]
    if baking.find_interpreter(python) is None:
        baking.fail_or_skip(f"no Python {python} interpreter found (pyenv, or python{python} on PATH)")
    assert architecture.main([]) == 0, "docs/architecture.md: the diagrams are stale; run `make docs`"


def test_the_diagrams_are_read_from_the_code(tmp_path: Path) -> None:
    """Imports between apps and layers, relative ones and those inside functions, and the models of each app."""
    package = tmp_path / "pkg"
    files = {
        "config/urls.py": "from pkg.shop.api import urls\n",
        "pkg/__init__.py": "",
        "pkg/core/__init__.py": "",
        "pkg/core/caching.py": "def cached():\n    from pkg.users.models import User\n",
        "pkg/users/__init__.py": "",
        "pkg/users/models.py": "from django.db import models\n\nclass User(models.Model):\n    pass\n",
        "pkg/shop/__init__.py": "",
        "pkg/shop/models.py": (
            "from django.db import models\n\n"
            "class Base(models.Model):\n    class Meta:\n        abstract = True\n\n"
            "class Order(Base):\n    pass\n\nclass Helper:\n    pass\n"
        ),
        "pkg/shop/services.py": "from ..core.caching import cached\nfrom .models import Order\n",
        "pkg/shop/api/__init__.py": "",
        "pkg/shop/api/urls.py": "from . import views\n",
        "pkg/shop/api/views.py": "from pkg.shop import services\nfrom pkg.users.models import User\n",
        "pkg/shop/tests/test_services.py": "from pkg.shop import services\nfrom pkg.core import caching\n",
    }
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    assert package.is_dir()
    edges = {(a.name, b.name): count for (a, b), count in architecture.import_edges(tmp_path, "pkg").items()}
    assert edges == {
        ("config.urls", "pkg.shop.api.urls"): 1,
        ("pkg.core.caching", "pkg.users.models"): 1,
        ("pkg.shop.services", "pkg.core.caching"): 1,
        ("pkg.shop.services", "pkg.shop.models"): 1,
        ("pkg.shop.api.urls", "pkg.shop.api.views"): 1,
        ("pkg.shop.api.views", "pkg.shop.services"): 1,
        ("pkg.shop.api.views", "pkg.users.models"): 1,
    }, "tests/ are left out, relative imports resolve, an import inside a function counts"
    assert architecture.models_by_app(tmp_path, "pkg") == {"shop": ["Order"], "users": ["User"]}
    block = architecture.diagrams(tmp_path, "pkg")
    assert "    shop -->|2| users\n" not in block
    assert "    shop -->|1| users\n" in block
    assert "    config -->|1| shop\n" in block
    assert "    urls -->|1| api\n" in block
    assert "    api -->|1| services\n" in block
    assert '    shop["<b>shop</b><br/>Order"]' in block
    for fence in re.findall(r"```mermaid\n(.*?)```", block, re.DOTALL):
        assert fence.startswith("flowchart ")


def test_the_analysis_needs_nothing_but_the_standard_library() -> None:
    """It runs under the baked project's Python, which has neither yaml nor the template's tooling."""
    tree = ast.parse(Path(architecture.__file__).read_text())
    top_level = {
        alias.name.split(".")[0]
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
    }
    assert top_level <= set(sys.stdlib_module_names) | {"__future__"}, top_level


# --- Troubleshooting: what it quotes is what the tools print -----------------------------------------------------


def console_block(heading: str) -> list[str]:
    """The console lines quoted under a heading of docs/troubleshooting.md."""
    text = TROUBLESHOOTING.read_text()
    section = text.split(heading, 1)[1]
    match = re.search(r"```console\n(.*?)\n```", section, re.DOTALL)
    assert match, f"no console block under {heading}"
    return match[1].splitlines()


def test_the_existing_folder_refusal_is_cookiecutters(tmp_path: Path) -> None:
    (tmp_path / "cookiecutter-prodev-backend").symlink_to(TEMPLATE)
    command = [
        sys.executable,
        "-m",
        "cookiecutter",
        "--no-input",
        "--config-file",
        str(baking.cookiecutter_config_file()),
        "cookiecutter-prodev-backend",
    ]
    first = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert first.returncode == 0, first.stderr
    again = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert again.returncode == 1
    quoted = console_block('### `Error: "prodev_backend" directory already exists`')
    assert quoted[0] == "$ cookiecutter --no-input cookiecutter-prodev-backend"
    printed = (again.stdout + again.stderr).strip().splitlines()[-1]
    assert printed == quoted[1], f"docs/troubleshooting.md quotes {quoted[1]!r}; cookiecutter prints {printed!r}"


def test_make_without_uv_fails_as_quoted(default_bake: Path, tmp_path: Path) -> None:
    """The generated Makefile run where only `make` is on PATH, as on a machine without uv."""
    make = shutil.which("make")
    if make is None:
        baking.fail_or_skip("make is not installed")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "make").symlink_to(make)
    result = subprocess.run(
        ["make", "test"],
        cwd=default_bake,
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    output = (result.stdout + result.stderr).splitlines()
    quoted = console_block("### `uv: command not found`")
    assert quoted[0] == "$ make test"

    def line_numbers(lines: list[str]) -> list[str]:
        return [re.sub(r"Makefile:\d+", "Makefile:N", line) for line in lines]

    assert sorted(line_numbers(output)) == sorted(line_numbers(quoted[1:])), (
        f"docs/troubleshooting.md quotes {quoted[1:]}; `make test` without uv prints {output}"
    )


def test_the_refused_answer_quoted_is_the_one_docs_options_md_shows() -> None:
    """docs/options.md's refusal block is the real output (tests/test_docs.py); this page quotes one line of it."""
    text = TROUBLESHOOTING.read_text()
    line = re.search(r"```text\n(  - project_slug=.*)\n```", text)
    assert line
    assert line[1] in (DOCS / "options.md").read_text().splitlines()


def test_the_missing_service_line_is_the_harness_s(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with __import__("socket").socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(baking, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        baking.require_service("PostgreSQL", "127.0.0.1", port)
    message = str(skipped.value).replace(f":{port} ", ":5432 ")
    assert f"...: {message}" in TROUBLESHOOTING.read_text()
    monkeypatch.setattr(baking, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception) as failed:
        baking.fail_or_skip("x")
    ending = str(failed.value).removeprefix("x ")
    assert f"`{ending}`" in TROUBLESHOOTING.read_text()


def test_every_skip_line_in_the_table_is_one_the_suite_prints() -> None:
    table = TROUBLESHOOTING.read_text().split("| line in the summary |", 1)[1].split("\n\n", 1)[0]
    quoted = [re.sub(r"^``?|``?$", "", cell.strip()) for cell in re.findall(r"^\| (`.*?`) \|", table, re.MULTILINE)]
    assert len(quoted) == 5
    others = [path for path in (TEMPLATE / "tests").glob("*.py") if path.name != Path(__file__).name]
    sources = "\n".join(path.read_text() for path in others)
    sources = sources.replace("{python_version}", "3.12")
    for message in quoted:
        stem = message.removesuffix(" (...)")
        assert stem.strip() in sources.replace("{host}:{port}", "127.0.0.1:5432"), message


def test_the_generated_suite_s_skip_reasons_quoted_are_in_its_code(bake_cache) -> None:
    """The quoted lines come from a run of the full preset's suite with no service; each reason is in its code."""
    project = bake_cache(**architecture.preset_answers())
    code = "\n".join(text for path, text in baking.text_files(project) if path.suffix == ".py")
    block = TROUBLESHOOTING.read_text().split("### Tests skipped for want of a service", 1)[1]
    lines = re.search(r"```text\n(.*?)\n```", block, re.DOTALL)[1].splitlines()
    assert len(lines) == 3
    for line in lines:
        where, reason = re.fullmatch(r"SKIPPED \[1\] (\S+?):\d+: (?:needs )?(.*)", line).groups()
        assert (project / where).is_file(), where
        assert reason in code, reason


def test_the_production_refusal_quoted_is_the_generated_test_s(default_bake: Path) -> None:
    test = (default_bake / default_bake.name / "core" / "tests" / "test_settings.py").read_text()
    assert 'assert f"Set the {missing} environment variable" in loaded.error' in test
    assert '"DATABASE_URL",' in test
    assert "ImproperlyConfigured: Set the DATABASE_URL environment variable" in TROUBLESHOOTING.read_text()


# --- make and CI -------------------------------------------------------------------------------------------------


def test_make_docs_site_builds_strict_and_make_docs_redraws_the_diagrams() -> None:
    makefile = (TEMPLATE / "Makefile").read_text()
    assert re.search(r"^docs-site:.*\n\t\$\(RUN\) mkdocs build --strict", makefile, re.MULTILINE)
    assert "\t$(RUN) python tests/architecture.py --write\n" in makefile


def test_the_template_workflow_builds_the_site_and_matches_the_schema() -> None:
    workflows = sorted((TEMPLATE / ".github" / "workflows").glob("*.yml"))
    checker = SCRIPTS / "check-jsonschema"
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        result = subprocess.run(
            [str(checker), "--builtin-schema", schema, *map(str, workflows)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    jobs = yaml.safe_load((TEMPLATE / ".github" / "workflows" / "ci.yml").read_text())["jobs"]
    steps = [step.get("run", "") for step in jobs["docs"]["steps"]]
    assert "make docs-site" in steps
