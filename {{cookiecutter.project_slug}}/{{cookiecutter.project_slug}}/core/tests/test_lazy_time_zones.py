"""Beat's crontab time zone: no zone is loaded at start-up, and the field is the one the library makes."""

from zoneinfo import ZoneInfo, available_timezones

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule
from timezone_field import TimeZoneField

from .. import lazy_time_zones
from .settings_process import printed_by_fresh_interpreter

# In a fresh interpreter: start Django (every models module, django-celery-beat's included), load the
# URL map, then say whether any time zone was listed or loaded for the field.
START = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
from {{ cookiecutter.project_slug }}.core.lazy_time_zones import default_choices
print(json.dumps({
    "backend_imported": "timezone_field.backends.zoneinfo" in sys.modules,
    "choices_built": default_choices.cache_info().currsize,
}))
"""


def timezone_field() -> TimeZoneField:
    return CrontabSchedule._meta.get_field("timezone")


def as_the_library_makes_it(field: TimeZoneField) -> TimeZoneField:
    """The same field, made by django-timezone-field's own constructor from the same arguments."""
    _, _, args, kwargs = field.deconstruct()
    made = TimeZoneField.__new__(TimeZoneField)
    lazy_time_zones._library_init(made, *args, **kwargs)
    made.set_attributes_from_name(field.name)
    return made


def test_starting_django_lists_and_loads_no_time_zone():
    loaded = printed_by_fresh_interpreter(START)

    assert loaded == {"backend_imported": False, "choices_built": 0}


def test_the_field_offers_every_zone_with_the_librarys_labels_and_order():
    field = timezone_field()
    library = as_the_library_makes_it(field)

    choices = list(field.choices)

    assert choices == list(library.choices)
    assert {str(zone) for zone, _ in choices} == available_timezones() - {"Factory"}
    assert sorted(field.default_tzs, key=str) == sorted(library.default_tzs, key=str)
    assert field.tz_backend is library.tz_backend
    assert field.flatchoices == library.flatchoices


@pytest.mark.django_db
def test_the_field_deconstructs_as_the_library_does_so_migrations_see_no_change():
    field = timezone_field()

    assert field.deconstruct() == as_the_library_makes_it(field).deconstruct()
    call_command("makemigrations", "django_celery_beat", check=True, dry_run=True, verbosity=0)


def test_given_choices_or_a_display_format_the_library_builds_the_field():
    given = TimeZoneField(choices=[("Europe/Paris", "Paris")])
    offsets = TimeZoneField(choices_display="WITH_GMT_OFFSET")

    assert list(given.choices) == [(ZoneInfo("Europe/Paris"), "Paris")]
    assert not isinstance(offsets.choices, lazy_time_zones.DefaultChoices)
    assert len(list(offsets.choices)) == len(available_timezones() - {"Factory"})


@pytest.mark.django_db
def test_a_crontab_keeps_a_known_zone_and_refuses_an_unknown_one():
    kept = CrontabSchedule(timezone="Europe/Paris")
    kept.full_clean()
    kept.save()

    kept.refresh_from_db()
    assert kept.timezone == ZoneInfo("Europe/Paris")
    with pytest.raises(ValidationError, match="Invalid timezone"):
        CrontabSchedule(timezone="Mars/Olympus_Mons")


@pytest.mark.django_db
def test_the_admins_crontab_form_lists_every_zone_and_saves_the_one_chosen(admin_client):
    add = reverse("admin:django_celery_beat_crontabschedule_add")
    # The form, with the empty management form of its inline (the periodic tasks using the schedule).
    crontab = dict.fromkeys(("hour", "day_of_month", "month_of_year", "day_of_week"), "*")
    crontab |= {"minute": "5"}
    crontab |= {f"periodictask_set-{count}_FORMS": "0" for count in ("TOTAL", "INITIAL")}

    form = admin_client.get(add)
    saved = admin_client.post(add, {**crontab, "timezone": "Asia/Tokyo"})
    refused = admin_client.post(add, {**crontab, "timezone": "Mars/Olympus_Mons"})

    assert form.status_code == 200
    assert form.content.decode().count("<option value=") >= len(available_timezones()) - 1
    assert saved.status_code == 302
    assert CrontabSchedule.objects.get(minute="5").timezone == ZoneInfo("Asia/Tokyo")
    assert refused.status_code == 200
    assert "timezone" in refused.context["adminform"].form.errors
