"""Promise: GraphiQL's vendored files are the pinned npm files, byte for byte, each with its license.

tests/vendor_assets.py fetches them (``--write``) and, with the npm registry at hand, compares them with
the registry's copies; here, offline, each file must have the sha384 that the generated project's
core/graphql/ide.py records (and that the page's ``integrity=`` attributes carry).
"""

from __future__ import annotations

import pytest

import vendor_assets

ROWS = vendor_assets.assets()


def test_every_pinned_file_is_listed_with_its_npm_source() -> None:
    assert {row.package for row in ROWS} == {"react@18.3.1", "react-dom@18.3.1", "graphiql@4.1.2"}
    assert all(row.path.startswith("core/vendor/") for row in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.source)
def test_each_vendored_file_has_the_recorded_hash(row: vendor_assets.Asset) -> None:
    assert vendor_assets.offline_problems([row]) == []


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.source)
def test_each_vendored_file_carries_its_license_and_no_source_map_reference(row: vendor_assets.Asset) -> None:
    data = (vendor_assets.STATIC_DIR / row.path).read_bytes()
    license_text = (vendor_assets.STATIC_DIR / row.license_path).read_text()

    assert "MIT License" in license_text
    assert b"sourceMappingURL" not in data[-200:]
    assert data.endswith(b"\n")


def test_a_changed_byte_is_reported() -> None:
    row = ROWS[0]
    wrong = vendor_assets.Asset(row.path, row.source, vendor_assets.integrity(b"not the file"))

    assert vendor_assets.offline_problems([wrong]) == [
        f"{row.path}: sha384 is {row.integrity}, ide.py records {wrong.integrity}"
    ]
