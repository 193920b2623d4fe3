"""/api/v1/shop/addresses/: each customer's own; staff see all; others' are not found."""

import pytest
from django.urls import reverse
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.tests.statuses import ANONYMOUS_STATUS

from ..models import Address
from .factories import AddressFactory

pytestmark = pytest.mark.django_db
URL = reverse("shop:address-list")
PAYLOAD = {
    "recipient": "Ada Lovelace",
    "line1": "12 St James's Square",
    "city": "London",
    "postal_code": "SW1Y 4JH",
    "country": "GB",
}


def _detail(address: Address) -> str:
    return reverse("shop:address-detail", args=[address.pk])


def test_signing_in_is_required(api_client):
    assert api_client.get(URL).status_code == ANONYMOUS_STATUS


def test_a_customer_lists_only_their_own_addresses(user_client, user):
    mine = AddressFactory(customer=user)
    AddressFactory()

    body = user_client.get(URL).json()

    assert [row["id"] for row in body["results"]] == [mine.pk]


def test_staff_list_everyones_addresses_and_filter_by_country(staff_client):
    AddressFactory(country="DE")
    french = AddressFactory(country="FR")

    body = staff_client.get(URL, {"country": "FR"}).json()

    assert [row["id"] for row in body["results"]] == [french.pk]


def test_a_customer_adds_an_address_for_themselves(user_client, user):
    response = user_client.post(URL, {**PAYLOAD, "is_default": True})

    assert response.status_code == status.HTTP_201_CREATED
    assert Address.objects.get(pk=response.json()["id"]).customer == user


def test_a_bad_country_code_is_a_400(user_client):
    response = user_client.post(URL, {**PAYLOAD, "country": "uk"})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert "country" in response.json()["error"]["fields"]


def test_a_customer_reads_changes_and_deletes_their_address(user_client, user):
    address = AddressFactory(customer=user)

    assert user_client.get(_detail(address)).json()["id"] == address.pk
    changed = user_client.patch(_detail(address), {"city": "Paris"})
    assert changed.json()["city"] == "Paris"
    assert user_client.delete(_detail(address)).status_code == status.HTTP_204_NO_CONTENT
    assert not Address.objects.exists()


def test_someone_elses_address_is_not_found(user_client):
    other = AddressFactory()

    for response in (
        user_client.get(_detail(other)),
        user_client.patch(_detail(other), {"city": "Paris"}),
        user_client.delete(_detail(other)),
    ):
        assert response.status_code == status.HTTP_404_NOT_FOUND
    other.refresh_from_db()
    assert other.city != "Paris"


def test_staff_read_any_address(staff_client):
    address = AddressFactory()

    assert staff_client.get(_detail(address)).status_code == status.HTTP_200_OK


def test_addresses_export_as_csv(user_client, user):
    AddressFactory(customer=user, city="Oslo")

    response = user_client.get(URL, HTTP_ACCEPT="text/csv")

    assert response["Content-Type"].startswith("text/csv")
    assert "Oslo" in response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_the_address_list_and_detail_cost_the_same_queries_whatever_the_row_count(
    user_client, user, django_assert_num_queries, rows
):
    addresses = AddressFactory.create_batch(rows, customer=user)

    with django_assert_num_queries(2):  # count + page
        response = user_client.get(URL, {"page_size": 100})
    assert len(response.json()["results"]) == rows
    with django_assert_num_queries(1):
        user_client.get(_detail(addresses[0]))
