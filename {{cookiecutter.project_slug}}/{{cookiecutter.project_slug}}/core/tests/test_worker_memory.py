"""gunicorn.conf.py: the app is loaded once in the master, whose objects are frozen before forking."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[3] / "gunicorn.conf.py"


def test_the_app_is_preloaded_and_its_objects_frozen_before_the_workers_fork():
    conf = runpy.run_path(str(CONF))
    try:
        # Reading the file turns the collector off for the import of the app that follows.
        collecting_while_loading = gc.isenabled()
        frozen_before = gc.get_freeze_count()
        conf["when_ready"](None)
        frozen = gc.get_freeze_count()
        collecting_after = gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()

    assert conf["preload_app"] is True
    assert not collecting_while_loading
    assert frozen > frozen_before
    assert collecting_after


def test_a_reload_turns_the_collector_back_on():
    conf = runpy.run_path(str(CONF))
    try:
        conf["on_reload"](None)
        collecting = gc.isenabled()
    finally:
        gc.enable()

    assert collecting
