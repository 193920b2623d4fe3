"""Refuse a free-text answer as soon as it is typed, and ask the question again (interactive prompts only).

cookiecutter reads the answers one by one and, before each question, renders the next option's default as a
Jinja template with the answers given so far. ``AnswerCheck`` makes every template this environment renders
first check the text answers it has not seen yet, with the validators of ``hooks/pre_gen_project.py``; a
refused one is printed and asked again, and the corrected answer replaces it before the next default is
rendered (so ``project_slug`` is derived from the corrected ``project_name``).

It acts only when a person answers at a terminal: with ``--no-input``, ``--replay`` or ``--replay-file``,
without a terminal on standard input, or when cookiecutter runs as a library, it does nothing, and the
pre-generation hook reports every refused answer at once. docs/maintaining.md says what it can and cannot
check, and why.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import re
import sys
from collections.abc import Callable, MutableMapping
from pathlib import Path
from types import ModuleType
from typing import Any

from jinja2 import Environment, Template
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.ext import Extension

TEMPLATE_DIR = Path(__file__).resolve().parent
NON_INTERACTIVE_FLAGS = ("--no-input", "--replay", "--replay-file")


@functools.cache
def _validators() -> ModuleType:
    """hooks/pre_gen_project.py by path: a module named ``hooks`` elsewhere on sys.path must not shadow it."""
    path = TEMPLATE_DIR / "hooks" / "pre_gen_project.py"
    spec = importlib.util.spec_from_file_location("_prodev_pre_gen_project", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def answering_at_a_terminal(argv: list[str] | None = None, stdin_is_a_tty: bool | None = None) -> bool:
    """Whether cookiecutter's command line is asking a person, one question at a time."""
    argv = sys.argv if argv is None else argv
    if stdin_is_a_tty is None:
        try:
            stdin_is_a_tty = sys.stdin is not None and sys.stdin.isatty()
        except ValueError:  # standard input closed
            stdin_is_a_tty = False
    program = Path(argv[0]) if argv else Path()
    is_cli = program.name == "cookiecutter" or program.parts[-2:] == ("cookiecutter", "__main__.py")
    flags = [argument.split("=", 1)[0] for argument in argv[1:]]
    return stdin_is_a_tty and is_cli and not any(flag in NON_INTERACTIVE_FLAGS for flag in flags)


class AnswerChecker:
    """Checks each text answer once; asks again until a refused one passes."""

    def __init__(self, ask: Callable[[str, str], str], say: Callable[[str], None]) -> None:
        pre = _validators()
        self.rules: dict[str, Callable[[str], None]] = {
            "project_name": pre.validate_project_name,
            "project_slug": pre.validate_project_slug,
            "description": lambda value: pre.validate_text("description", value),
            "author_name": lambda value: pre.validate_text("author_name", value),
            "author_email": pre.validate_author_email,
            "domain_name": pre.validate_domain_name,
            "version": pre.validate_version,
            "timezone": pre.validate_timezone,
        }
        self.ask, self.say = ask, say
        self.checked: dict[str, str] = {}

    def check(self, answers: MutableMapping[str, Any]) -> None:
        for option, rule in self.rules.items():
            value = answers.get(option)
            if not isinstance(value, str) or self.checked.get(option) == value:
                continue
            while True:
                try:
                    rule(value)
                    break
                except ValueError as error:
                    self.say(f"  {error}")
                    value = self.ask(option, value)
            answers[option] = self.checked[option] = value


def _ask_at_the_terminal(option: str, refused: str) -> str:
    from cookiecutter.prompt import read_user_variable

    prompts = json.loads((TEMPLATE_DIR / "cookiecutter.json").read_text(encoding="utf-8")).get("__prompts__", {})
    return str(read_user_variable(option, refused, prompts, prefix="  (again) "))


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class AnswerCheck(Extension):
    """Jinja extension listed in cookiecutter.json's ``_extensions``."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        if not answering_at_a_terminal():
            return
        checker = AnswerChecker(_ask_at_the_terminal, _say)
        base = environment.template_class

        class CheckedTemplate(base):  # type: ignore[misc, valid-type]
            def render(self, *args: Any, **kwargs: Any) -> str:
                answers = kwargs.get("cookiecutter")
                if isinstance(answers, MutableMapping):
                    checker.check(answers)
                return super().render(*args, **kwargs)

        environment.template_class = CheckedTemplate


class PathSegments(Extension):
    """Render file and folder paths segment by segment, compiling each distinct segment once.

    cookiecutter renders every path of the skeleton as a Jinja template of its own (``env.from_string``),
    so a bake compiled about 350 small templates that differ only in their plain parts: compiling them was
    the largest share of the bake's CPU (docs/performance.md). A path whose only Jinja is ``{{ ... }}``
    expressions without a slash is the slash-joined rendering of its segments; a segment without Jinja is
    itself, and ``{{cookiecutter.project_slug}}`` is compiled once. Any other text (block tags, comments, a
    slash inside an expression, a newline) is compiled as before. Plain text (the answers' defaults and
    choices in cookiecutter.json) is itself, with nothing to compile. tests/test_exhaustive.py compares real
    bakes byte for byte with the per-file renderer, which compiles every path whole.
    """

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        compile_whole = environment.from_string
        compiled: dict[str, Any] = {}

        def render_segment(segment: str, context: dict[str, Any]) -> str:
            if "{" not in segment:
                return segment
            if segment not in compiled:
                compiled[segment] = compile_whole(segment)
            return str(compiled[segment].render(**context))

        def from_string(source: Any, globals: Any = None, template_class: Any = None) -> Any:
            if globals is not None or template_class is not None:
                return compile_whole(source, globals, template_class)
            if _is_segmented_path(source):
                return _SegmentedPath(source.split("/"), render_segment)
            if _is_plain_text(source) and environment.template_class is Template:
                # An answer's default or a choice without Jinja ("Ada Lovelace", "3.13"). Not while AnswerCheck
                # watches the prompts: it checks the answers each time a template renders.
                return _SegmentedPath([source], render_segment)
            return compile_whole(source, globals, template_class)

        environment.from_string = from_string  # type: ignore[method-assign]


_EXPRESSION = re.compile(r"\{\{[^{}/]*\}\}")


def _is_segmented_path(source: Any) -> bool:
    """A slash-separated path whose Jinja is only slash-free ``{{ ... }}`` expressions."""
    if not isinstance(source, str) or "/" not in source or "\n" in source or "\r" in source:
        return False
    rest = _EXPRESSION.sub("", source)
    return not any(marker in rest for marker in ("{{", "}}", "{%", "%}", "{#", "#}"))


def _is_plain_text(source: Any) -> bool:
    """Text that Jinja renders as itself: no delimiter character, no line ending to normalise."""
    return isinstance(source, str) and not any(character in source for character in "{}%#\n\r")


class _SegmentedPath:
    def __init__(self, segments: list[str], render_segment: Callable[[str, dict[str, Any]], str]) -> None:
        self.segments, self.render_segment = segments, render_segment

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        return "/".join(self.render_segment(segment, context) for segment in self.segments)


class CompiledTemplates(Extension):
    """Keep the skeleton's compiled templates between bakes, as Python keeps ``.pyc`` files.

    Compiling the files that hold Jinja is the largest part of a bake that depends on this template
    (docs/performance.md). Jinja's own bytecode cache stores each compiled template in a per-user folder
    of the temporary directory and reuses it while the file's text is unchanged (it compares a checksum of
    the source). The key also names this environment's lexing settings and extensions, so another
    environment (the test harness's, say) never reads code compiled with different settings. A folder
    that cannot be read or written only makes the bake compile as before.
    """

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        if environment.bytecode_cache is None:
            environment.bytecode_cache = _SettingsKeyedCache(environment)


class _SettingsKeyedCache(FileSystemBytecodeCache):
    def __init__(self, environment: Environment) -> None:
        super().__init__()
        self.environment = environment

    @functools.cached_property
    def settings(self) -> str:
        """Read at the first lookup: the environment is still loading its extensions when this is made."""
        environment = self.environment
        return repr(
            (
                environment.block_start_string,
                environment.block_end_string,
                environment.variable_start_string,
                environment.variable_end_string,
                environment.comment_start_string,
                environment.comment_end_string,
                environment.line_statement_prefix,
                environment.line_comment_prefix,
                environment.trim_blocks,
                environment.lstrip_blocks,
                environment.newline_sequence,
                environment.keep_trailing_newline,
                environment.optimized,
                sorted(environment.extensions),
            )
        )

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{name}|{self.settings}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)
