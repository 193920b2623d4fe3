"""--shard=I/N (tests/sharding.py): disjoint parts whose union is the whole selection, one combination per
shard, balanced."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import sharding


@dataclass
class _CallSpec:
    params: dict = field(default_factory=dict)


@dataclass
class _Item:
    name: str
    callspec: _CallSpec | None = None


def _items() -> list[_Item]:
    items = [_Item("test_hooks")]
    for fixture, count in (("combination", 5), ("runtime_combination", 3), ("triple_row", 7)):
        for number in range(count):
            for test in ("first", "second"):
                params = {fixture: {"option": f"{fixture}{number}"}}
                items.append(_Item(f"{test}[{fixture}{number}]", _CallSpec(params)))
    items.append(_Item("test_options[x]", _CallSpec({"option": "x"})))
    return items


@pytest.mark.parametrize("count", [1, 2, 3, 4, 16])
def test_shards_are_disjoint_balanced_and_cover_everything(count: int) -> None:
    items = _items()
    shards = [sharding.split(items, index, count) for index in range(1, count + 1)]
    kept = [item.name for part, _ in shards for item in part]
    assert sorted(kept) == sorted(item.name for item in items), "a test is in no shard or in two"
    for part, deselected in shards:
        assert len(part) + len(deselected) == len(items)
    combinations = [{sharding.combination_key(item) for item in part} - {None} for part, _ in shards]
    sizes = [len(keys) for keys in combinations]
    assert max(sizes) - min(sizes) <= 1, f"unbalanced: {sizes}"
    # Both tests of a combination are in one shard; tests of no combination are all in shard 1.
    for part, _ in shards:
        names = {item.name for item in part}
        for item in part:
            if item.name.startswith("first["):
                assert item.name.replace("first[", "second[") in names
    assert {"test_hooks", "test_options[x]"} <= {item.name for item in shards[0][0]}


def test_the_same_items_give_the_same_shards() -> None:
    assert [i.name for i in sharding.split(_items(), 2, 3)[0]] == [i.name for i in sharding.split(_items(), 2, 3)[0]]


@pytest.mark.parametrize("value", ["1", "0/3", "4/3", "a/b", "1/0"])
def test_a_bad_shard_is_a_usage_error(value: str) -> None:
    with pytest.raises(pytest.UsageError):
        sharding.parse_shard(value)


def test_no_shard_runs_everything() -> None:
    assert sharding.parse_shard("") is None
