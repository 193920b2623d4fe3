"""/api/v1/cms/categories/ and /api/v1/cms/tags/: public, searchable, exportable, constant cost."""

import pytest
from django.urls import reverse
from rest_framework import status

from .factories import CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db
ENDPOINTS = [("cms:category-list", CategoryFactory), ("cms:tag-list", TagFactory)]


@pytest.mark.parametrize(("url_name", "factory"), ENDPOINTS)
def test_anyone_lists_them_by_name(api_client, url_name, factory):
    factory(name="Zeta")
    factory(name="Alpha")

    response = api_client.get(reverse(url_name))

    assert response.status_code == status.HTTP_200_OK
    assert [row["name"] for row in response.json()["results"]] == ["Alpha", "Zeta"]


@pytest.mark.parametrize(("url_name", "factory"), ENDPOINTS)
def test_they_search_by_name_and_export_as_csv(api_client, url_name, factory):
    factory(name="Databases")
    factory(name="Design")

    found = api_client.get(reverse(url_name), {"search": "data"}).json()["results"]
    exported = api_client.get(reverse(url_name), {"format": "csv", "ordering": "-name"})

    assert [row["name"] for row in found] == ["Databases"]
    assert exported.content.decode().splitlines()[1:][0].split(",")[1] == "Design"


@pytest.mark.parametrize(("url_name", "factory"), ENDPOINTS)
@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_whatever_the_row_count(
    api_client, django_assert_num_queries, url_name, factory, rows
):
    factory.create_batch(rows)

    with django_assert_num_queries(2):  # count + page
        response = api_client.get(reverse(url_name), {"page_size": 100})

    assert len(response.json()["results"]) == rows
