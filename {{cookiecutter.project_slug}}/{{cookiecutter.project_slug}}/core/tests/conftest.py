"""Fixtures for the core tests: what the configured log handler writes."""

import io
import logging
from collections.abc import Iterator

import pytest


@pytest.fixture
def console_output() -> Iterator[io.StringIO]:
    """What the configured console handler writes, captured for the length of a test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)
