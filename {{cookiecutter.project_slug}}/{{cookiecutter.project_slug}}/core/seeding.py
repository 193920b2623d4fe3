"""What every app's demo seed shares: batches, a progress callback, and finding the seeds.

An app offers demo data by naming its seeding function in its ``AppConfig`` (``demo_seed``, a
dotted path). ``manage.py seed_demo`` runs the seed of every installed app that names one, so the
demo is composed from ``INSTALLED_APPS`` where the project is assembled, and core imports no app.
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from django.apps import apps
from django.utils.module_loading import import_string

BATCH_SIZE = 1000

# Told (what, done, total) after each batch; the command draws a progress bar with it.
Progress = Callable[[str, int, int], None]


class Seed(Protocol):
    def __call__(self, *, size: int, progress: Progress) -> dict[str, int]:
        """Top the app's demo rows up to ``size``; return how many rows of each kind it created."""
        ...


def no_progress(what: str, done: int, total: int) -> None:
    """The default progress: none."""


def batches[T](rows: Sequence[T], progress: Progress, what: str) -> Iterator[Sequence[T]]:
    """``rows`` in slices of ``BATCH_SIZE``, telling ``progress`` after each one is written."""
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]
        progress(what, min(start + BATCH_SIZE, len(rows)), len(rows))


def demo_seeds() -> list[Seed]:
    """The seeding functions of the installed apps, in ``INSTALLED_APPS`` order.

    Imported only now: seeds build rows with factory-boy, a development dependency.
    """
    paths = [getattr(config, "demo_seed", None) for config in apps.get_app_configs()]
    return [import_string(path) for path in paths if path]
