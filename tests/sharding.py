"""``--shard=I/N`` (or ``PRODEV_SHARD=I/N``): run the I-th of N disjoint parts of the selected tests.

Made for a CI job matrix, so that the combination layers take the same wall time as options grow: add shards,
not minutes. Every test of one combination (a ``combination``, ``runtime_combination`` or ``triple_row``
parameter) goes to the same shard, so each shard bakes and syncs a combination once; combinations are dealt
round-robin in collection order, so shards differ by at most one combination. Every other test goes to shard 1.
The union of the N shards is the whole selection, each test exactly once. Without the option, nothing changes.
"""

from __future__ import annotations

import os

import pytest

import baking

COMBINATION_FIXTURES = ("combination", "runtime_combination", "triple_row")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--shard",
        default=os.environ.get("PRODEV_SHARD", ""),
        metavar="I/N",
        help="run the I-th of N disjoint parts of the selected tests, split by combination (or PRODEV_SHARD=I/N)",
    )


def parse_shard(value: str) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise pytest.UsageError(f"--shard={value!r}: expected I/N, e.g. 2/4") from None
    if not 1 <= index <= count:
        raise pytest.UsageError(f"--shard={value!r}: expected 1 <= I <= N")
    return index, count


def combination_key(item: pytest.Item) -> tuple[str, str] | None:
    """(parameter, combination id) of a combination-parametrized test, else None."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    for fixture in COMBINATION_FIXTURES:
        if fixture in params:
            return fixture, baking.combination_id(params[fixture])
    return None


def split(items: list[pytest.Item], index: int, count: int) -> tuple[list[pytest.Item], list[pytest.Item]]:
    """(kept, deselected) for shard ``index`` of ``count``."""
    positions: dict[tuple[str, str], int] = {}
    kept, deselected = [], []
    for item in items:
        key = combination_key(item)
        shard = 0 if key is None else positions.setdefault(key, len(positions)) % count
        (kept if shard == index - 1 else deselected).append(item)
    return kept, deselected


def pytest_report_header(config: pytest.Config) -> list[str]:
    shard = parse_shard(config.getoption("shard"))
    return [f"prodev shard {shard[0]}/{shard[1]}"] if shard else []


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    shard = parse_shard(config.getoption("shard"))
    if shard is None:
        return
    kept, deselected = split(items, *shard)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
    items[:] = kept
