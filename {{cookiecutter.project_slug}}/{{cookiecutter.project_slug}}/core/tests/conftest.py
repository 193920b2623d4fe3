"""Fixtures for the core tests: what the configured log handler writes, fresh settings interpreters, low rates."""

import io
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .settings_process import LOCAL, PRODUCTION, Answers


@pytest.fixture
def console_output() -> Iterator[io.StringIO]:
    """What the configured console handler writes, captured for the length of a test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.fixture(scope="session")
def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this run shared by its pytest-xdist workers (the run's own one without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def production(shared_folder: Path) -> Answers:
    """What a fresh interpreter with the production settings answered (settings_process.py)."""
    return PRODUCTION.answers(shared_folder)


@pytest.fixture(scope="session")
def local(shared_folder: Path) -> Answers:
    """What a fresh interpreter with the local settings answered (settings_process.py)."""
    return LOCAL.answers(shared_folder)


@pytest.fixture
def low_rates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Anonymous and per-user rates a test reaches in a few requests (DRF reads the rates once, at import)."""
    rates = {"anon": "2/minute", "user": "3/minute"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
