"""pytest hooks of the triple layer: its rows as the ``triple_row`` parameter, and their count in the header.

Deriving the options (triples.python_options()) takes seconds, so it is done once per run by the xdist
controller (or the single process) and remembered in pytest's cache for the next run over the same inputs.
"""

from __future__ import annotations

import pytest

import baking
import triples

_OPTIONS_CACHE_KEY = "prodev/python-options"


def pytest_configure(config: pytest.Config) -> None:
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None and "prodev_python_options" in workerinput:
        triples.use_known_options(workerinput["prodev_python_options"])
        return
    cache = getattr(config, "cache", None)
    digest = triples.inputs_digest()
    remembered = cache.get(_OPTIONS_CACHE_KEY, None) if cache is not None else None
    if remembered and remembered.get("digest") == digest:
        triples.use_known_options(remembered["options"])
    elif cache is not None:
        cache.set(_OPTIONS_CACHE_KEY, {"digest": digest, "options": list(triples.python_options())})


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:  # type: ignore[no-untyped-def]  # xdist's WorkerController
    """xdist workers take the controller's derivation instead of repeating it."""
    node.workerinput["prodev_python_options"] = list(triples.python_options())


def pytest_report_header(config: pytest.Config) -> list[str]:
    options = triples.python_options()
    return [
        f"prodev triples (strength {triples.STRENGTH}): {len(triples.rows())} rows over {len(options)} options "
        f"that change Python code or dependencies ({', '.join(options)}), "
        f"{triples.environment_count()} distinct environments"
    ]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "triple_row" in metafunc.fixturenames:
        params = [
            pytest.param(row, id=baking.combination_id(row), marks=pytest.mark.xdist_group(baking.combination_id(row)))
            for row in triples.rows()
        ]
        metafunc.parametrize("triple_row", params)
