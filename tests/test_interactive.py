"""Answers typed at the prompts are checked as they are given (local_extensions.py), at a real terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

import baking
import local_extensions

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
OPTION_COUNT = len([name for name in baking.OPTIONS if not name.startswith("_")])


class Terminal:
    """cookiecutter's command line on a pseudo-terminal, as a person at a keyboard sees it."""

    def __init__(self, *arguments: str, cwd: Path) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "200"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cookiecutter", *arguments],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            close_fds=True,
        )
        os.close(slave)
        self.unread = ""
        self.transcript = ""

    def expect(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if match := re.search(pattern, self.unread):
                self.unread = self.unread[match.end() :]
                return match
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(self.master, 4096)
                except OSError:  # the child closed the terminal
                    break
                text = ANSI.sub("", data.decode(errors="replace")).replace("\r", "")
                self.unread += text
                self.transcript += text
        pytest.fail(f"{pattern!r} never appeared; the terminal showed:\n{self.transcript}", pytrace=False)

    def answer(self, text: str) -> None:
        os.write(self.master, text.encode() + b"\r")

    def close(self) -> int:
        code = self.process.wait(timeout=120)
        os.close(self.master)
        return code


def test_a_refused_answer_is_asked_again_at_once_and_the_bake_uses_the_corrected_one(tmp_path: Path) -> None:
    config = baking.cookiecutter_config_file()
    terminal = Terminal(
        str(baking.TEMPLATE_DIR), "--output-dir", str(tmp_path), "--config-file", str(config), cwd=tmp_path
    )
    try:
        terminal.expect(rf"\[1/{OPTION_COUNT}\]")
        terminal.answer("My Shop")
        terminal.expect(rf"\[2/{OPTION_COUNT}\]")
        terminal.answer("json")
        refusal = terminal.expect(r"project_slug='json' is refused: [^\n]+")
        terminal.expect(r"\(again\) Python package name")
        terminal.answer("shop")
        terminal.expect(rf"\[3/{OPTION_COUNT}\]")  # the next question comes only after a good answer
        terminal.answer("")
        terminal.expect(rf"\[4/{OPTION_COUNT}\]")
        terminal.answer("")
        terminal.expect(rf"\[5/{OPTION_COUNT}\]")
        terminal.answer("nope")
        terminal.expect(r"author_email='nope' is refused: ")
        terminal.expect(r"\(again\) Author email")
        terminal.answer("shop@example.com")
        for number in range(6, OPTION_COUNT + 1):
            terminal.expect(rf"\[{number}/{OPTION_COUNT}\]")
            terminal.answer("")
    finally:
        code = terminal.close()
    assert code == 0, terminal.transcript
    assert refusal[0].endswith("that names no module it would shadow.")
    assert [path.name for path in tmp_path.iterdir()] == ["shop"]
    pyproject = (tmp_path / "shop" / "pyproject.toml").read_text()
    assert 'name = "shop"' in pyproject
    assert "shop@example.com" in pyproject
    replay = json.loads((config.parent / "replay" / f"{baking.TEMPLATE_DIR.name}.json").read_text())
    assert replay["cookiecutter"]["project_slug"] == "shop", "the replay file must hold the corrected answer"


@pytest.mark.parametrize(
    ("argv", "tty", "interactive"),
    [
        (["/usr/bin/cookiecutter", "tpl"], True, True),
        (["/venv/lib/python3.11/site-packages/cookiecutter/__main__.py", "tpl"], True, True),
        (["/usr/bin/cookiecutter", "tpl"], False, False),
        (["/usr/bin/cookiecutter", "--no-input", "tpl"], True, False),
        (["/usr/bin/cookiecutter", "--replay", "tpl"], True, False),
        (["/usr/bin/cookiecutter", "--replay-file=x.json", "tpl"], True, False),
        (["/venv/bin/pytest", "tests"], True, False),
    ],
)
def test_the_extension_acts_only_when_a_person_answers_at_a_terminal(
    argv: list[str], tty: bool, interactive: bool
) -> None:
    assert local_extensions.answering_at_a_terminal(argv, tty) is interactive


def test_the_checker_asks_until_an_answer_passes_and_checks_each_answer_once() -> None:
    asked, said = [], []
    replies = iter(["still bad", "shop"])

    def ask(option: str, refused: str) -> str:
        asked.append((option, refused))
        return next(replies)

    checker = local_extensions.AnswerChecker(ask, said.append)
    answers = {"project_name": "My Shop", "project_slug": "json"}
    checker.check(answers)
    assert answers["project_slug"] == "shop"
    assert asked == [("project_slug", "json"), ("project_slug", "still bad")]
    assert len(said) == 2
    assert said[0].startswith("  project_slug='json' is refused: ")
    checker.check(answers)
    assert len(asked) == 2, "an accepted answer is not checked again"
