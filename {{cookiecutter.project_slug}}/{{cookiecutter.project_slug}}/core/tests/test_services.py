"""model_update: the assign, validate and save step that the apps' update services share."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, ValidationError

from {{ cookiecutter.project_slug }}.core.services import model_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def group() -> Group:
    return Group.objects.create(name="editors")


def test_the_new_values_are_validated_and_saved(group):
    model_update(instance=group, data={"name": "moderators"})

    group.refresh_from_db()
    assert group.name == "moderators"


def test_an_invalid_value_is_refused_and_the_row_keeps_its_old_one(group):
    with pytest.raises(ValidationError) as refused:
        model_update(instance=group, data={"name": "x" * 200})

    assert "name" in refused.value.message_dict
    group.refresh_from_db()
    assert group.name == "editors"


def test_a_name_that_is_no_field_changes_nothing(group):
    with pytest.raises(FieldDoesNotExist):
        model_update(instance=group, data={"name": "moderators", "nmae": "typo"})

    assert group.name == "editors"
    assert not hasattr(group, "nmae")


def test_before_validation_sees_the_new_values_before_full_clean(group):
    seen: list[str] = []

    model_update(
        instance=group,
        data={"name": "moderators"},
        before_validation=lambda row: seen.append(row.name),
    )

    assert seen == ["moderators"]


def test_before_validation_can_make_the_row_valid(group):
    def shorten(row: Group) -> None:
        row.name = row.name[:150]

    model_update(instance=group, data={"name": "x" * 200}, before_validation=shorten)

    group.refresh_from_db()
    assert group.name == "x" * 150
