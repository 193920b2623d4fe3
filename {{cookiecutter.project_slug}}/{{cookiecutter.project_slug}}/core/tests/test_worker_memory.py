"""gunicorn.conf.py: the app is loaded once in the master, whose objects are frozen before forking."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[3] / "gunicorn.conf.py"


def test_the_app_is_preloaded_and_its_objects_frozen_before_the_workers_fork():
    conf = runpy.run_path(str(CONF))
    frozen_before = gc.get_freeze_count()
    try:
        conf["when_ready"](None)
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()

    assert conf["preload_app"] is True
    assert frozen > frozen_before
