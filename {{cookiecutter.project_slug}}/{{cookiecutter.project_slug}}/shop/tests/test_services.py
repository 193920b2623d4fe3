"""Placing orders, moving them through their workflow, and keeping addresses and products valid."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.exceptions import ApplicationError
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from .. import services
from ..models import Address, Order, OrderItem, Product
from .factories import AddressFactory, CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def address():
    return AddressFactory()


def _place(address, *pairs):
    items = [{"product": product.pk, "quantity": quantity} for product, quantity in pairs]
    return services.order_place(customer=address.customer, address=address, items=items)


def test_placing_an_order_takes_the_stock_and_captures_prices(address):
    mug = ProductFactory(price=Decimal("4.50"), stock=5)
    pen = ProductFactory(price=Decimal("1.25"), stock=2)

    order = _place(address, (mug, 2), (pen, 2))

    assert order.total == Decimal("11.50")
    assert order.status == Order.Status.PENDING
    assert order.shipping_address == address.as_text()
    mug.refresh_from_db()
    pen.refresh_from_db()
    assert (mug.stock, pen.stock) == (3, 0)
    prices = dict(order.items.values_list("product_id", "unit_price"))
    assert prices == {mug.pk: Decimal("4.50"), pen.pk: Decimal("1.25")}


def test_a_later_price_change_does_not_touch_a_placed_order(address):
    mug = ProductFactory(price=Decimal("4.50"))
    order = _place(address, (mug, 1))

    services.product_update(product=mug, price=Decimal("9.99"))

    assert order.items.get().unit_price == Decimal("4.50")


def test_overselling_is_refused_with_409_and_nothing_is_written(address):
    plenty = ProductFactory(stock=10)
    scarce = ProductFactory(stock=1)

    with pytest.raises(ApplicationError) as refused:
        _place(address, (plenty, 3), (scarce, 2))

    assert refused.value.status_code == status.HTTP_409_CONFLICT
    assert refused.value.code == "insufficient_stock"
    assert refused.value.fields == {
        "items": [{"product": scarce.pk, "requested": 2, "available": 1}]
    }
    assert not Order.objects.exists()
    assert not OrderItem.objects.exists()
    plenty.refresh_from_db()
    assert plenty.stock == 10


def test_an_inactive_or_unknown_product_is_refused(address):
    hidden = ProductFactory(is_active=False)

    with pytest.raises(ApplicationError) as refused:
        services.order_place(
            customer=address.customer,
            address=address,
            items=[{"product": hidden.pk, "quantity": 1}, {"product": 999_999, "quantity": 1}],
        )

    assert refused.value.code == "unknown_product"
    assert len(refused.value.fields["items"]) == 2
    assert not Order.objects.exists()


def test_someone_elses_address_is_refused(address):
    product = ProductFactory()

    with pytest.raises(ApplicationError, match="someone else"):
        services.order_place(
            customer=UserFactory(),
            address=address,
            items=[{"product": product.pk, "quantity": 1}],
        )


def test_cancelling_puts_the_stock_back(address):
    mug = ProductFactory(stock=5)
    order = _place(address, (mug, 4))

    services.order_transition(order=order, to_status="cancelled", actor=address.customer)

    mug.refresh_from_db()
    order.refresh_from_db()
    assert (mug.stock, order.status) == (5, "cancelled")


def test_staff_move_an_order_along_the_workflow(address):
    order = _place(address, (ProductFactory(), 1))
    staff = UserFactory(is_staff=True)

    for step in ("paid", "shipped", "delivered"):
        order = services.order_transition(order=order, to_status=step, actor=staff)

    assert Order.objects.get(pk=order.pk).status == "delivered"


def test_a_move_the_workflow_does_not_allow_is_a_409(address):
    order = _place(address, (ProductFactory(), 1))
    staff = UserFactory(is_staff=True)
    services.order_transition(order=order, to_status="cancelled", actor=staff)

    with pytest.raises(ApplicationError) as refused:
        services.order_transition(order=order, to_status="paid", actor=staff)

    assert refused.value.status_code == status.HTTP_409_CONFLICT
    assert refused.value.fields == {"status": ["Allowed next: none."]}


def test_a_customer_may_not_mark_their_order_paid(address):
    order = _place(address, (ProductFactory(), 1))

    with pytest.raises(ApplicationError) as refused:
        services.order_transition(order=order, to_status="paid", actor=address.customer)

    assert refused.value.status_code == status.HTTP_403_FORBIDDEN


def test_a_new_default_address_replaces_the_old_one(address):
    services.address_update(address=address, is_default=True)

    newer = services.address_create(
        customer=address.customer,
        recipient="Ada",
        line1="1 Main St",
        city="Berlin",
        postal_code="10115",
        country="DE",
        is_default=True,
    )

    address.refresh_from_db()
    assert newer.is_default
    assert not address.is_default


def test_an_address_needs_an_iso_country_code(address):
    with pytest.raises(ValidationError, match="ISO 3166-1"):
        services.address_update(address=address, country="de")


def test_deleting_an_address_removes_it(address):
    services.address_delete(address=address)

    assert not Address.objects.exists()


def test_a_product_is_validated_before_it_is_saved():
    with pytest.raises(ValidationError) as refused:
        services.product_create(
            category=CategoryFactory(), sku="X-1", slug="x-1", name="X", price=Decimal("-1")
        )

    assert "price" in refused.value.message_dict
    assert not Product.objects.exists()
