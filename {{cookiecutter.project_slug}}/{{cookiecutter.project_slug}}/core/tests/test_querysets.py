"""empty_for_schema: the get_queryset guard for views whose rows depend on the request."""

import pytest
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from {{ cookiecutter.project_slug }}.core.querysets import empty_for_schema

pytestmark = pytest.mark.django_db


class NamedGroupsView(ListAPIView):
    """The groups the request names: reading them needs a request, which schema generation lacks."""

    @empty_for_schema(Group)
    def get_queryset(self) -> QuerySet[Group]:
        return Group.objects.filter(name=self.request.query_params["name"])


@pytest.fixture
def editors() -> Group:
    Group.objects.create(name="strangers")
    return Group.objects.create(name="editors")


def test_a_request_reads_the_rows_it_asks_for(editors):
    view = NamedGroupsView()
    view.request = Request(APIRequestFactory().get("/", {"name": "editors"}))

    assert list(view.get_queryset()) == [editors]


def test_schema_generation_gets_no_rows_without_reading_the_request(editors):
    view = NamedGroupsView()  # no request at all: reading one would raise AttributeError
    view.swagger_fake_view = True

    rows = view.get_queryset()

    assert rows.model is Group
    assert list(rows) == []
