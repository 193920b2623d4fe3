"""empty_for_schema: the get_queryset guard for views whose rows depend on the caller."""

import pytest
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from rest_framework.generics import ListAPIView
from rest_framework.test import APIRequestFactory

from {{ cookiecutter.project_slug }}.core.querysets import empty_for_schema

pytestmark = pytest.mark.django_db


class CallerGroupsView(ListAPIView):
    """The caller's groups: reading them needs a request, which schema generation has not got."""

    @empty_for_schema(Group)
    def get_queryset(self) -> QuerySet[Group]:
        return Group.objects.filter(user=self.request.user)


@pytest.fixture
def editors(user) -> Group:
    group = Group.objects.create(name="editors")
    user.groups.add(group)
    Group.objects.create(name="strangers")
    return group


def test_a_request_reads_the_callers_rows(user, editors):
    view = CallerGroupsView()
    view.request = APIRequestFactory().get("/")
    view.request.user = user

    assert list(view.get_queryset()) == [editors]


def test_schema_generation_gets_no_rows_without_asking_who_calls(editors):
    view = CallerGroupsView()  # no request at all: reading one would raise AttributeError
    view.swagger_fake_view = True

    rows = view.get_queryset()

    assert rows.model is Group
    assert list(rows) == []
