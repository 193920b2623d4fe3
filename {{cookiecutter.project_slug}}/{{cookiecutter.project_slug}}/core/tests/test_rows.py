"""RowByPrimaryKey: the instance the ORM would give, from SQL written once."""

import pytest
from django.contrib.auth.models import Group
from django.forms.models import model_to_dict

from ..rows import RowByPrimaryKey

pytestmark = pytest.mark.django_db

GROUPS = RowByPrimaryKey(Group)


def test_the_row_is_the_orm_s_instance():
    group = Group.objects.create(name="editors")

    found = GROUPS.get(group.pk)

    assert found == group
    assert model_to_dict(found) == model_to_dict(Group.objects.get(pk=group.pk))
    assert found._state.adding is False
    assert found._state.db == "default"


def test_a_primary_key_given_as_text_is_converted():
    group = Group.objects.create(name="editors")

    assert GROUPS.get(str(group.pk)) == group


@pytest.mark.parametrize("pk", [0, 10**9, "not a number"])
def test_no_row_is_none(pk):
    assert GROUPS.get(pk) is None
