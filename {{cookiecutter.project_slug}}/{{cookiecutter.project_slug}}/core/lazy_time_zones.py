"""django-celery-beat's time-zone field, with its choices built when first read instead of at start-up.

``CrontabSchedule.timezone`` is django-timezone-field's ``TimeZoneField``. Its constructor lists the
system's time zones twice and loads every one of them (about 600 ``zoneinfo.ZoneInfo``) to build
its choices, while Django defines the model: 7 to 9% of the CPU a web process spends from launch
to its first answer (docs/performance.md), for choices that only the admin's crontab form,
the field's validation, migrations and system checks read. ``defer()`` makes the field build them
on first use: the same zones, labels and order, validation and migration state (core/tests/
test_lazy_time_zones.py compares it with the library's own constructor).

The field is left as the library makes it when it is given its own choices or a display format;
django-celery-beat gives neither. django-timezone-field's pull request #156 proposes the same
deferral upstream: once a release has it, remove this module and name "django_celery_beat" in
INSTALLED_APPS again.
"""

from functools import cache, cached_property
from types import ModuleType
from typing import Any

from django.db import models
from django.utils.choices import BaseChoiceIterator
from django_celery_beat.apps import BeatConfig
from timezone_field import TimeZoneField
from timezone_field.backends import get_tz_backend
from timezone_field.choices import standard

_library_init = TimeZoneField.__init__


@cache
def default_choices(use_pytz: bool | None) -> tuple[tuple[Any, str], ...]:
    """Every zone of the backend and its label, sorted by label: the choices the library builds."""
    backend = get_tz_backend(use_pytz)
    return tuple(standard([backend.to_tzobj(name) for name in backend.base_tzstrs]))


class DefaultChoices(BaseChoiceIterator):
    """A field's default choices, built on the first iteration (Django keeps such iterators lazy)."""

    def __init__(self, use_pytz: bool | None) -> None:
        self.use_pytz = use_pytz

    def __iter__(self) -> Any:
        return iter(default_choices(self.use_pytz))


def _deferring_init(self: TimeZoneField, *args: Any, **kwargs: Any) -> None:
    if len(args) > 3 or "choices" in kwargs or kwargs.get("choices_display") is not None:
        _library_init(self, *args, **kwargs)
        return
    kwargs.setdefault("max_length", self.default_max_length)
    self.use_pytz = kwargs.pop("use_pytz", None)
    self.choices_display = kwargs.pop("choices_display", None)
    kwargs["choices"] = DefaultChoices(self.use_pytz)
    models.Field.__init__(self, *args, **kwargs)


def _tz_backend(self: TimeZoneField) -> Any:
    return get_tz_backend(self.use_pytz)


def _default_tzs(self: TimeZoneField) -> list[Any]:
    return [value for value, _ in default_choices(self.use_pytz)]


def defer() -> None:
    """Make every ``TimeZoneField`` defined from now on build its default choices on first use.

    Called before any models module is imported (``PeriodicTasksConfig``). The library's
    constructor sets ``tz_backend`` and ``default_tzs`` on the instance; the deferring one leaves
    them to these cached properties, which the library's methods read the same way.
    """
    if TimeZoneField.__init__ is _deferring_init:
        return
    for name, getter in (("tz_backend", _tz_backend), ("default_tzs", _default_tzs)):
        attribute = cached_property(getter)
        attribute.__set_name__(TimeZoneField, name)
        setattr(TimeZoneField, name, attribute)
    TimeZoneField.__init__ = _deferring_init


class PeriodicTasksConfig(BeatConfig):
    """django-celery-beat's app as INSTALLED_APPS names it: the same app, its time zones deferred.

    Django makes every app's config before it imports any models module, so the field is made
    after ``defer()``.
    """

    def __init__(self, app_name: str, app_module: ModuleType | None) -> None:
        defer()
        super().__init__(app_name, app_module)
