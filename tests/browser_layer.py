"""``--update-screenshots``: copy the browser test's screenshots into docs/screenshots/ (tests/test_browser.py)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-screenshots",
        action="store_true",
        help="copy the screenshots tests/test_browser.py takes into docs/screenshots/ (they go to a temporary folder)",
    )
