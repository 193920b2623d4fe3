"""The two rendering shortcuts of local_extensions.py change how fast a bake is, never what it writes."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from cookiecutter.environment import StrictEnvironment
from jinja2 import DictLoader, Environment, StrictUndefined

import baking
import local_extensions

SKELETON = baking.TEMPLATE_DIR / "{{cookiecutter.project_slug}}"
EXTENSIONS = ["cookiecutter.extensions.SlugifyExtension"]
# File paths and plain text, never HTML: cookiecutter renders without autoescaping, and so do these.
UNESCAPED = {"undefined": StrictUndefined, "autoescape": False}


def _skeleton_paths() -> list[str]:
    """Every file and folder path as cookiecutter renders it: relative, and absolute under an output folder."""
    relative = sorted(str(path.relative_to(SKELETON.parent)) for path in SKELETON.rglob("*"))
    return relative + [f"/srv/out/{path}" for path in relative]


def _contexts() -> list[dict[str, object]]:
    slugs = ["prodev_backend", "shop2", "a"]
    return [{"cookiecutter": {**baking.DEFAULT_CHOICES, "project_slug": slug}} for slug in slugs]


def test_every_skeleton_path_renders_as_a_whole_compilation_does() -> None:
    plain = Environment(**UNESCAPED, keep_trailing_newline=True, extensions=EXTENSIONS)  # noqa: S701
    segmented = Environment(  # noqa: S701
        **UNESCAPED, keep_trailing_newline=True, extensions=[*EXTENSIONS, "local_extensions.PathSegments"]
    )
    paths = _skeleton_paths()
    shortcut = [path for path in paths if local_extensions._is_segmented_path(path)]
    assert len(shortcut) > 0.9 * len(paths), "most skeleton paths should take the shortcut"
    for path, context in itertools.product(paths, _contexts()):
        assert segmented.from_string(path).render(**context) == plain.from_string(path).render(**context), path


@pytest.mark.parametrize(
    ("source", "segmented"),
    [
        ("{{cookiecutter.project_slug}}/core/models.py", True),
        ("./docs/erd-shop.md", True),
        ("/abs/{{ cookiecutter.project_slug }}/x", True),
        ("no-slash-at-all", False),  # answers in cookiecutter.json are compiled whole
        ("{% if cookiecutter.docker == 'y' %}Dockerfile{% endif %}/x", False),  # a block may span segments
        ("a/{{ 'x/y' }}/b", False),  # a slash inside an expression
        ("a/{# note #}b", False),
        ("a/b\n", False),  # a newline: Jinja's own newline handling applies
        ("a/{{ unclosed/b", False),
    ],
)
def test_only_paths_of_plain_expressions_take_the_shortcut(source: str, segmented: bool) -> None:
    assert local_extensions._is_segmented_path(source) is segmented


@pytest.mark.parametrize(
    ("source", "plain"),
    [("Ada Lovelace", True), ("3.13", True), ("", True), ("{{ x }}", False), ("50%", False), ("a\nb", False)],
)
def test_plain_text_is_itself(source: str, plain: bool) -> None:
    assert local_extensions._is_plain_text(source) is plain
    environment = Environment(**UNESCAPED, extensions=["local_extensions.PathSegments"])  # noqa: S701
    if plain:
        assert environment.from_string(source).render() == source


def test_other_templates_compile_whole() -> None:
    environment = Environment(**UNESCAPED, extensions=["local_extensions.PathSegments"])  # noqa: S701
    block = "{% for part in ['a', 'b'] %}{{ part }}/{% endfor %}"
    assert environment.from_string(block).render() == "a/b/"


def _cached_environment(templates: dict[str, str], **settings: object) -> Environment:
    context = {"cookiecutter": {"_extensions": ["local_extensions.CompiledTemplates"]}}
    environment = StrictEnvironment(context=context, loader=DictLoader(templates), **settings)
    assert isinstance(environment.bytecode_cache, local_extensions._SettingsKeyedCache)
    return environment


def _compilations(environment: Environment, name: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many times loading ``name`` in a fresh environment compiles it (0: it came from the cache)."""
    calls = []
    original = environment.compile

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(environment, "compile", counting)
    environment.get_template(name).render(cookiecutter={})
    return len(calls)


def test_a_compiled_template_is_reused_until_its_text_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local_extensions.FileSystemBytecodeCache, "__init__", _into(tmp_path))
    name = f"probe-{tmp_path.name}.txt"
    first = _cached_environment({name: "{{ 1 + 1 }}"}, keep_trailing_newline=True)
    assert _compilations(first, name, monkeypatch) == 1
    again = _cached_environment({name: "{{ 1 + 1 }}"}, keep_trailing_newline=True)
    assert _compilations(again, name, monkeypatch) == 0
    changed = _cached_environment({name: "{{ 2 + 2 }}"}, keep_trailing_newline=True)
    assert _compilations(changed, name, monkeypatch) == 1
    assert changed.get_template(name).render() == "4"


def test_environments_with_other_lexing_settings_never_share_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local_extensions.FileSystemBytecodeCache, "__init__", _into(tmp_path))
    name = f"newline-{tmp_path.name}.txt"
    kept = _cached_environment({name: "x\n"}, keep_trailing_newline=True)
    assert kept.get_template(name).render() == "x\n"
    dropped = _cached_environment({name: "x\n"}, keep_trailing_newline=False)
    assert _compilations(dropped, name, monkeypatch) == 1
    assert dropped.get_template(name).render() == "x"


def test_a_cache_folder_that_cannot_be_used_only_costs_a_compilation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a-file-not-a-folder"  # unusable even for root, who may write to any folder
    folder.write_text("")
    monkeypatch.setattr(local_extensions.FileSystemBytecodeCache, "__init__", _into(folder))
    environment = _cached_environment({"t.txt": "{{ 3 }}"}, keep_trailing_newline=True)
    assert environment.get_template("t.txt").render() == "3"


def _into(folder: Path):
    """FileSystemBytecodeCache.__init__ with its folder set to ``folder`` (a test's own, not the user's)."""
    original = local_extensions.FileSystemBytecodeCache.__init__

    def init(self: local_extensions.FileSystemBytecodeCache, directory: str | None = None, **kwargs: str) -> None:
        original(self, str(folder), **kwargs)

    return init
