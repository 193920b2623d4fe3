"""/api/v1/shop/orders/: placing, reading and moving orders; customers see only their own."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.tests.statuses import ANONYMOUS_STATUS

from ..models import Order, Product
from .factories import AddressFactory, OrderFactory, OrderItemFactory, ProductFactory

pytestmark = pytest.mark.django_db
URL = reverse("shop:order-list")


def _detail(order: Order) -> str:
    return reverse("shop:order-detail", args=[order.pk])


def _transition(order: Order) -> str:
    return reverse("shop:order-transition", args=[order.pk])


@pytest.fixture
def address(user):
    return AddressFactory(customer=user)


def test_signing_in_is_required_to_see_or_place_orders(api_client):
    assert api_client.get(URL).status_code == ANONYMOUS_STATUS
    assert api_client.post(URL, {}).status_code == ANONYMOUS_STATUS


def test_a_customer_places_an_order_and_gets_it_back_with_its_items(user_client, address):
    mug = ProductFactory(price=Decimal("4.50"), stock=3)

    response = user_client.post(
        URL, {"address": address.pk, "items": [{"product": mug.pk, "quantity": 2}]}
    )

    assert response.status_code == status.HTTP_201_CREATED
    body = response.json()
    assert (body["status"], body["total"], body["item_count"]) == ("pending", "9.00", 1)
    assert body["items"] == [
        {
            "product": {"id": mug.pk, "sku": mug.sku, "name": mug.name},
            "quantity": 2,
            "unit_price": "4.50",
            "line_total": "9.00",
        }
    ]
    assert Product.objects.get(pk=mug.pk).stock == 1


def test_overselling_answers_409_with_what_is_short(user_client, address):
    mug = ProductFactory(stock=1)

    response = user_client.post(
        URL, {"address": address.pk, "items": [{"product": mug.pk, "quantity": 2}]}
    )

    assert response.status_code == status.HTTP_409_CONFLICT
    assert response.json()["error"] == {
        "status": 409,
        "code": "insufficient_stock",
        "message": "Not enough stock for some items; nothing was ordered.",
        "fields": {"items": [{"product": mug.pk, "requested": 2, "available": 1}]},
    }
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("items", "field"),
    [
        ([], "items"),
        ([{"product": 1, "quantity": 0}], "items"),
        ([{"product": 1, "quantity": 1}, {"product": 1, "quantity": 2}], "items"),
    ],
)
def test_bad_items_are_a_400(user_client, address, items, field):
    response = user_client.post(URL, {"address": address.pk, "items": items})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert field in response.json()["error"]["fields"]


def test_the_schema_states_how_many_items_an_order_takes(api_client, user_client, address):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    items = schema["components"]["schemas"]["OrderPlaceInputRequest"]["properties"]["items"]
    too_many = [{"product": pk, "quantity": 1} for pk in range(1, items["maxItems"] + 2)]

    response = user_client.post(URL, {"address": address.pk, "items": too_many})

    assert (items["minItems"], items["maxItems"]) == (1, 100)
    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert "items" in response.json()["error"]["fields"]


def test_someone_elses_address_cannot_be_used(user_client):
    other = AddressFactory()
    product = ProductFactory()

    response = user_client.post(
        URL, {"address": other.pk, "items": [{"product": product.pk, "quantity": 1}]}
    )

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert "address" in response.json()["error"]["fields"]


def test_a_customer_lists_only_their_own_orders(user_client, user):
    mine = OrderFactory(customer=user)
    OrderFactory()

    body = user_client.get(URL).json()

    assert [row["id"] for row in body["results"]] == [mine.pk]
    assert body["results"][0]["customer"] == {"id": user.pk, "email": user.email}


def test_staff_list_every_order_and_filter_by_status(staff_client):
    OrderFactory()
    paid = OrderFactory(status="paid")

    body = staff_client.get(URL, {"status": "paid", "ordering": "-total"}).json()

    assert [row["id"] for row in body["results"]] == [paid.pk]


def test_orders_filter_by_creation_time(user_client, user):
    order = OrderFactory(customer=user)
    created = order.created_at.isoformat()

    later = user_client.get(URL, {"created_after": created}).json()["results"]
    earlier = user_client.get(URL, {"created_before": created}).json()["results"]

    assert [row["id"] for row in later] == [order.pk]
    assert earlier == []


def test_someone_elses_order_is_not_found(user_client):
    other = OrderFactory()

    assert user_client.get(_detail(other)).status_code == status.HTTP_404_NOT_FOUND
    response = user_client.post(_transition(other), {"status": "cancelled"})
    assert response.status_code == status.HTTP_404_NOT_FOUND


def test_a_customer_cancels_their_pending_order(user_client, address):
    mug = ProductFactory(stock=2)
    placed = user_client.post(
        URL, {"address": address.pk, "items": [{"product": mug.pk, "quantity": 2}]}
    ).json()

    response = user_client.post(
        reverse("shop:order-transition", args=[placed["id"]]), {"status": "cancelled"}
    )

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["status"] == "cancelled"
    assert Product.objects.get(pk=mug.pk).stock == 2


def test_a_customer_cannot_mark_an_order_paid(user_client, user):
    order = OrderFactory(customer=user)

    response = user_client.post(_transition(order), {"status": "paid"})

    assert response.status_code == status.HTTP_403_FORBIDDEN
    assert Order.objects.get(pk=order.pk).status == "pending"


def test_a_move_outside_the_workflow_is_a_409(staff_client):
    order = OrderFactory(status="shipped")

    response = staff_client.post(_transition(order), {"status": "cancelled"})

    assert response.status_code == status.HTTP_409_CONFLICT
    assert response.json()["error"]["code"] == "invalid_transition"


def test_an_unknown_status_is_a_400(staff_client):
    response = staff_client.post(_transition(OrderFactory()), {"status": "lost"})

    assert response.status_code == status.HTTP_400_BAD_REQUEST


def test_orders_export_as_csv_with_the_customer_flattened(staff_client):
    order = OrderFactory()

    response = staff_client.get(URL, {"format": "csv"})

    header, row = response.content.decode().splitlines()[:2]
    assert "customer.email" in header.split(",")
    assert order.customer.email in row


@pytest.mark.parametrize("rows", [5, 50])
def test_the_order_list_costs_two_queries_whatever_the_row_count(
    staff_client, django_assert_num_queries, rows
):
    for order in OrderFactory.create_batch(rows):
        OrderItemFactory.create_batch(2, order=order)

    with django_assert_num_queries(2):  # count + page with customers joined and items counted
        response = staff_client.get(URL, {"page_size": 100})

    assert len(response.json()["results"]) == rows
    assert {row["item_count"] for row in response.json()["results"]} == {2}


def test_a_page_of_orders_never_groups_every_order_of_the_customer(
    user_client, user, django_assert_num_queries
):
    for order in OrderFactory.create_batch(25, customer=user):
        OrderItemFactory.create_batch(2, order=order)

    with django_assert_num_queries(2) as queries:  # count + page
        response = user_client.get(URL)

    count, page = (query["sql"] for query in queries.captured_queries)
    # The count reads the orders alone; the page counts items per order in a subquery run for
    # the 20 rows it returns, not in a GROUP BY over all 25 orders and their 50 items.
    assert "shop_orderitem" not in count
    assert "GROUP BY" not in count
    assert 'GROUP BY "shop_order"' not in page
    assert "LIMIT 20" in page
    assert response.json()["count"] == 25
    assert {row["item_count"] for row in response.json()["results"]} == {2}


@pytest.mark.parametrize("rows", [5, 50])
def test_an_order_detail_costs_two_queries_whatever_its_item_count(
    user_client, user, django_assert_num_queries, rows
):
    order = OrderFactory(customer=user)
    OrderItemFactory.create_batch(rows, order=order)

    with django_assert_num_queries(2):  # the order + its items with their products
        response = user_client.get(_detail(order))

    assert len(response.json()["items"]) == rows
