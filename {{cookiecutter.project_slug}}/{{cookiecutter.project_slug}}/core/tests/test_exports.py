"""The CSV renderer on its own."""

import csv
import io

from ..exports import PaginatedCSVRenderer


def rows_of(data) -> list[list[str]]:
    return list(csv.reader(io.StringIO(PaginatedCSVRenderer().render(data).decode())))


def test_nested_fields_become_dotted_columns():
    data = {"results": [{"id": 1, "owner": {"email": "a@example.com"}}]}

    assert rows_of(data) == [["id", "owner.email"], ["1", "a@example.com"]]


def test_an_empty_page_is_just_nothing():
    assert rows_of({"count": 0, "results": []}) == [[]]


def test_missing_values_and_formula_cells_are_safe():
    data = [{"a": None, "b": "+1"}, {"a": "-x", "c": "@SUM"}]

    assert rows_of(data) == [["a", "b", "c"], ["", "'+1", ""], ["'-x", "", "'@SUM"]]
