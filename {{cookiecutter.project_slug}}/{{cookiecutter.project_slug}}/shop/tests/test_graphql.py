"""The shop through GraphQL: a public catalogue, orders scoped to their customer, the same services."""

from decimal import Decimal

import pytest

from {{ cookiecutter.project_slug }}.core.tests.graphql_client import error_codes, execute
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from ..models import Order, Product
from .factories import (
    AddressFactory,
    CategoryFactory,
    OrderFactory,
    OrderItemFactory,
    ProductFactory,
)

PRODUCTS = """
query Products($filter: ProductFilterInput, $limit: Int) {
  products(filter: $filter, limit: $limit) {
    totalCount results { id name price isActive category { slug parentId } }
  }
}
"""
CATEGORIES = """
query Categories($filter: CategoryFilterInput) {
  categories(filter: $filter) { totalCount results { slug parentId } }
}
"""
ORDERS = """
query Orders($filter: OrderFilterInput, $limit: Int) {
  orders(filter: $filter, limit: $limit) {
    totalCount
    results {
      id status total customer { id email }
      items { quantity unitPrice lineTotal product { id sku name } }
    }
  }
}
"""
PLACE_ORDER = """
mutation Place($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    order { id status total items { quantity product { id } } }
    errors { field code messages }
  }
}
"""
TRANSITION = """
mutation Move($input: TransitionOrderInput!) {
  transitionOrder(input: $input) { order { status } errors { field code messages } }
}
"""

pytestmark = pytest.mark.django_db


def _order_for(customer, products=2):
    order = OrderFactory(customer=customer)
    for _ in range(products):
        OrderItemFactory(order=order)
    return order


def test_anyone_reads_active_products_with_their_category(api_client):
    product = ProductFactory(name="Lamp", price=Decimal("12.50"))
    ProductFactory(is_active=False)

    page = execute(api_client, PRODUCTS)["data"]["products"]

    assert page["totalCount"] == 1
    assert page["results"] == [
        {
            "id": str(product.pk),
            "name": "Lamp",
            "price": "12.50",
            "isActive": True,
            "category": {"slug": product.category.slug, "parentId": None},
        }
    ]


def test_staff_also_see_inactive_products(staff_client):
    ProductFactory()
    ProductFactory(is_active=False)

    page = execute(staff_client, PRODUCTS)["data"]["products"]

    assert page["totalCount"] == 2


def test_products_filter_like_the_rest_endpoint(api_client):
    lamps = CategoryFactory(slug="lamps")
    ProductFactory(category=lamps, price=Decimal("30"))
    ProductFactory(category=lamps, price=Decimal("5"))
    ProductFactory(price=Decimal("40"))

    page = execute(api_client, PRODUCTS, {"filter": {"category": "lamps", "minPrice": "10"}})[
        "data"
    ]["products"]

    assert page["totalCount"] == 1
    assert page["results"][0]["price"] == "30.00"


def test_an_invalid_filter_is_refused_with_its_reason(api_client):
    body = execute(api_client, CATEGORIES, {"filter": {"parent": "not-a-number"}})

    assert error_codes(body) == ["invalid"]
    assert "parent" in body["errors"][0]["message"]


def test_categories_filter_to_the_top_of_the_tree(api_client):
    root = CategoryFactory()
    CategoryFactory(parent=root)

    page = execute(api_client, CATEGORIES, {"filter": {"root": True}})["data"]["categories"]

    assert page == {"totalCount": 1, "results": [{"slug": root.slug, "parentId": None}]}


def test_orders_are_refused_to_anonymous_callers(api_client):
    body = execute(api_client, ORDERS)

    assert error_codes(body) == ["not_authenticated"]
    assert body["data"] is None


def test_customers_see_only_their_own_orders_and_staff_see_all(user_client, staff_client, user):
    mine = _order_for(user)
    _order_for(UserFactory())

    own = execute(user_client, ORDERS)["data"]["orders"]
    everyone = execute(staff_client, ORDERS)["data"]["orders"]

    assert [order["id"] for order in own["results"]] == [str(mine.pk)]
    assert own["results"][0]["customer"] == {"id": str(user.pk), "email": user.email}
    assert len(own["results"][0]["items"]) == 2
    assert everyone["totalCount"] == 2
    assert all(order["customer"]["email"] for order in everyone["results"])


def test_orders_filter_by_status(user_client, user):
    _order_for(user)
    paid = OrderFactory(customer=user, status=Order.Status.PAID)

    page = execute(user_client, ORDERS, {"filter": {"status": "paid"}})["data"]["orders"]

    assert [order["id"] for order in page["results"]] == [str(paid.pk)]


def test_place_order_takes_stock_through_the_service(user_client, user):
    address = AddressFactory(customer=user)
    product = ProductFactory(price=Decimal("4.00"), stock=5)
    data = {"address": str(address.pk), "items": [{"product": str(product.pk), "quantity": 3}]}

    payload = execute(user_client, PLACE_ORDER, {"input": data})["data"]["placeOrder"]

    assert payload["errors"] == []
    assert payload["order"]["status"] == "pending"
    assert payload["order"]["total"] == "12.00"
    assert payload["order"]["items"] == [{"quantity": 3, "product": {"id": str(product.pk)}}]
    product.refresh_from_db()
    assert product.stock == 2


def test_place_order_refuses_someone_elses_address_as_a_field_error(user_client):
    address = AddressFactory()
    product = ProductFactory()
    data = {"address": str(address.pk), "items": [{"product": str(product.pk), "quantity": 1}]}

    payload = execute(user_client, PLACE_ORDER, {"input": data})["data"]["placeOrder"]

    assert payload["order"] is None
    assert [error["field"] for error in payload["errors"]] == ["address"]
    assert not Order.objects.exists()


def test_place_order_reports_missing_stock_with_the_service_code(user_client, user):
    address = AddressFactory(customer=user)
    product = ProductFactory(stock=1)
    data = {"address": str(address.pk), "items": [{"product": str(product.pk), "quantity": 2}]}

    payload = execute(user_client, PLACE_ORDER, {"input": data})["data"]["placeOrder"]

    assert payload["errors"][0]["field"] == "items"
    assert payload["errors"][0]["code"] == "insufficient_stock"
    assert Product.objects.get(pk=product.pk).stock == 1


def test_place_order_is_refused_to_anonymous_callers(api_client):
    data = {"address": "1", "items": [{"product": "1", "quantity": 1}]}

    body = execute(api_client, PLACE_ORDER, {"input": data})

    assert error_codes(body) == ["not_authenticated"]


def test_customers_cancel_their_own_orders_but_cannot_ship_them(user_client, user):
    order = _order_for(user)

    shipped = execute(user_client, TRANSITION, {"input": {"id": str(order.pk), "status": "paid"}})[
        "data"
    ]["transitionOrder"]
    cancelled = execute(
        user_client, TRANSITION, {"input": {"id": str(order.pk), "status": "cancelled"}}
    )["data"]["transitionOrder"]

    assert shipped["errors"][0]["code"] == "permission_denied"
    assert cancelled == {"order": {"status": "cancelled"}, "errors": []}


def test_someone_elses_order_does_not_exist_for_a_customer(user_client, staff_client):
    order = _order_for(UserFactory())
    move = {"input": {"id": str(order.pk), "status": "cancelled"}}

    hidden = execute(user_client, TRANSITION, move)["data"]["transitionOrder"]
    by_staff = execute(staff_client, TRANSITION, {"input": {"id": str(order.pk), "status": "paid"}})

    assert hidden["errors"] == [
        {"field": "id", "code": "not_found", "messages": ["No such order."]}
    ]
    assert by_staff["data"]["transitionOrder"]["order"] == {"status": "paid"}


def test_an_unknown_status_is_a_field_error(staff_client):
    order = _order_for(UserFactory())

    payload = execute(staff_client, TRANSITION, {"input": {"id": str(order.pk), "status": "lost"}})[
        "data"
    ]["transitionOrder"]

    assert payload["errors"][0]["field"] == "status"


@pytest.mark.parametrize("rows", [5, 50])
def test_a_page_of_orders_with_items_and_products_costs_three_queries(
    staff_client, django_assert_num_queries, rows
):
    for _ in range(rows):
        _order_for(UserFactory())

    with django_assert_num_queries(3):  # count, orders with customers, items with products
        page = execute(staff_client, ORDERS, {"limit": 100})["data"]["orders"]

    assert len(page["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_a_page_of_products_with_categories_costs_two_queries(
    api_client, django_assert_num_queries, rows
):
    ProductFactory.create_batch(rows)

    with django_assert_num_queries(2):  # count, products with categories
        page = execute(api_client, PRODUCTS, {"limit": 100})["data"]["products"]

    assert len(page["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_a_page_of_categories_costs_two_queries(api_client, django_assert_num_queries, rows):
    CategoryFactory.create_batch(rows)

    with django_assert_num_queries(2):  # count, page
        page = execute(api_client, CATEGORIES)["data"]["categories"]

    assert page["totalCount"] == rows
    assert len(page["results"]) == min(rows, 20)
