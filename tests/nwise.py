"""A deterministic greedy generator of covering arrays of any strength, with constraints (IPOG).

A covering array of strength t over some options is a list of rows in which, for every t options and every
t values of theirs that the constraints allow, some row holds all t values. allpairspy stops at pairs (its
n=3 misses triples), so the triple layer uses this one; ``tests/test_nwise.py`` proves coverage by enumerating
every t-tuple.

The algorithm is IPOG (Lei et al., 2007): build the full product of the first t options, then add one option
at a time, first choosing its value in each existing row to cover the most new t-tuples (horizontal growth),
then adding rows for the t-tuples still missing, with "don't care" cells other tuples may fill later
(vertical growth). Ties go to the earlier value, so the same options always give the same rows. A last pass
drops the rows whose every t-tuple another row also holds.

``allowed(partial)`` says whether a partial row (a dict of some options) breaks no rule; it must answer for
partial rows (a rule whose options are not all present does not apply). A row or tuple is used only when it
can be completed to a full allowed row, so a rule never leaves a row that cannot be baked.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

Row = dict[str, str]
Allowed = Callable[[Mapping[str, str]], bool]
# A t-tuple: ((option index, value), ...) with the indexes increasing.
Tuple = tuple[tuple[int, str], ...]


def _always(_: Mapping[str, str]) -> bool:
    return True


class _Builder:
    def __init__(self, options: Mapping[str, Sequence[str]], allowed: Allowed) -> None:
        # Options with the most values first (IPOG starts from the biggest product); ties keep the given order.
        self.names = sorted(options, key=lambda name: -len(options[name]))
        self.values = [tuple(options[name]) for name in self.names]
        self.allowed = allowed

    def as_dict(self, cells: Sequence[str | None]) -> Row:
        return {self.names[index]: value for index, value in enumerate(cells) if value is not None}

    def completable(self, cells: Sequence[str | None]) -> bool:
        """Whether the don't-care cells (None) can be filled, and the unset options set, into an allowed row."""
        return self._fill(list(cells) + [None] * (len(self.names) - len(cells))) is not None

    def _fill(self, cells: list[str | None]) -> list[str] | None:
        if not self.allowed(self.as_dict(cells)):
            return None
        try:
            index = cells.index(None)
        except ValueError:
            return [value for value in cells if value is not None]
        for value in self.values[index]:
            cells[index] = value
            filled = self._fill(cells)
            if filled is not None:
                return filled
        cells[index] = None
        return None

    def tuples(self, strength: int, last: int) -> list[Tuple]:
        """Every allowed, completable t-tuple made of option ``last`` and t-1 options before it."""
        found = []
        for earlier in itertools.combinations(range(last), strength - 1):
            indexes = (*earlier, last)
            for values in itertools.product(*(self.values[index] for index in indexes)):
                cells: list[str | None] = [None] * (last + 1)
                for index, value in zip(indexes, values, strict=True):
                    cells[index] = value
                if self.completable(cells):
                    found.append(tuple(zip(indexes, values, strict=True)))
        return found


def _covered_by(row: Sequence[str | None], last: int, value: str, strength: int) -> list[Tuple]:
    """The t-tuples with option ``last`` at ``value`` that a row (its first ``last`` cells) holds."""
    known = [index for index in range(last) if row[index] is not None]
    return [
        (*((index, row[index]) for index in earlier), (last, value))  # type: ignore[misc]
        for earlier in itertools.combinations(known, strength - 1)
    ]


def covering_array(options: Mapping[str, Sequence[str]], strength: int, allowed: Allowed = _always) -> list[Row]:
    """Rows covering every allowed t-tuple of values (t = ``strength``), each row a full allowed combination,
    with the options in the order given. Don't-care cells left at the end take the first allowed value (the
    default, for cookiecutter options)."""
    if strength < 1:
        raise ValueError(f"strength must be at least 1, not {strength}")
    builder = _Builder(options, allowed)
    count = len(builder.names)
    if count == 0:
        return []
    first = min(strength, count)
    rows: list[list[str | None]] = [
        list(values) for values in itertools.product(*builder.values[:first]) if builder.completable(list(values))
    ]
    for last in range(first, count):
        missing = set(builder.tuples(strength, last))
        # Horizontal growth: one value of the new option per existing row.
        for row in rows:
            best: tuple[int, str] | None = None
            for value in builder.values[last]:
                if not builder.completable([*row, value]):
                    continue
                gained = sum(1 for item in _covered_by(row, last, value, strength) if item in missing)
                if best is None or gained > best[0]:
                    best = (gained, value)
            if best is None:  # cannot happen for a completable row; kept as a guard
                raise RuntimeError(f"no allowed value of {builder.names[last]} for {builder.as_dict(row)}")
            row.append(best[1])
            missing.difference_update(_covered_by(row, last, best[1], strength))
        # Vertical growth: each tuple still missing goes into a row whose cells are free, or a new row.
        for item in sorted(missing, key=lambda item: [(index, builder.values[index].index(v)) for index, v in item]):
            if any(all(row[index] == value for index, value in item) for row in rows):
                continue
            for row in rows:
                if all(row[index] in (None, value) for index, value in item):
                    candidate = list(row)
                    for index, value in item:
                        candidate[index] = value
                    if builder.completable(candidate):
                        row[:] = candidate
                        break
            else:
                new: list[str | None] = [None] * (last + 1)
                for index, value in item:
                    new[index] = value
                rows.append(new)
    finished = []
    for row in rows:
        filled = builder._fill(list(row))
        if filled is None:  # every row was kept completable; kept as a guard
            raise RuntimeError(f"row {builder.as_dict(row)} cannot be completed under the rules")
        by_name = dict(zip(builder.names, filled, strict=True))
        finished.append({name: by_name[name] for name in options})
    return _without_redundant_rows(finished, strength)


def _without_redundant_rows(rows: list[Row], strength: int) -> list[Row]:
    """Drop, last first, each row whose every t-tuple some other kept row also holds."""

    def held(row: Row) -> list[tuple[tuple[str, str], ...]]:
        return [tuple((name, row[name]) for name in chosen) for chosen in itertools.combinations(row, strength)]

    counts = Counter(item for row in rows for item in held(row))
    kept = list(rows)
    for index in range(len(rows) - 1, -1, -1):
        items = held(rows[index])
        if all(counts[item] > 1 for item in items):
            del kept[index]
            counts.subtract(items)
    return kept


def missing_tuples(
    rows: Sequence[Mapping[str, str]], options: Mapping[str, Sequence[str]], strength: int, allowed: Allowed
) -> list[Row]:
    """Every t-tuple of option values that ``allowed`` accepts and no row holds: the coverage check.

    Written independently of the generator, from the definition: every t options, every t values."""
    present = set()
    names = list(options)
    for row in rows:
        for chosen in itertools.combinations(names, strength):
            present.add(tuple((name, row[name]) for name in chosen))
    missing = []
    for chosen in itertools.combinations(names, strength):
        for values in itertools.product(*(options[name] for name in chosen)):
            item = tuple(zip(chosen, values, strict=True))
            if item not in present and allowed(dict(item)):
                missing.append(dict(item))
    return missing
