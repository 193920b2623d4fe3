"""The database itself refuses bad rows: each constraint is proven with a write that skips validation."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from ..models import Address, Category, Order, OrderItem, Product
from .factories import (
    AddressFactory,
    CategoryFactory,
    OrderFactory,
    OrderItemFactory,
    ProductFactory,
)

pytestmark = pytest.mark.django_db


def _refused(write) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_a_negative_price_is_refused_by_the_database():
    product = ProductFactory()

    _refused(lambda: Product.objects.filter(pk=product.pk).update(price=Decimal("-0.01")))


def test_negative_stock_is_refused_by_the_database():
    product = ProductFactory()

    _refused(lambda: Product.objects.filter(pk=product.pk).update(stock=-1))


@pytest.mark.parametrize("field", ["sku", "slug"])
def test_two_products_cannot_share_a_sku_or_a_slug(field):
    first = ProductFactory()

    _refused(lambda: ProductFactory(**{field: getattr(first, field)}))


def test_a_category_cannot_be_its_own_parent():
    category = CategoryFactory()

    _refused(lambda: Category.objects.filter(pk=category.pk).update(parent=category.pk))


def test_an_order_status_outside_the_workflow_is_refused():
    order = OrderFactory()

    _refused(lambda: Order.objects.filter(pk=order.pk).update(status="lost"))


def test_a_negative_order_total_is_refused():
    _refused(lambda: OrderFactory(total=Decimal("-1")))


@pytest.mark.parametrize("quantity", [0, -2])
def test_an_order_item_needs_a_positive_quantity(quantity):
    _refused(lambda: OrderItemFactory(quantity=quantity))


def test_a_negative_captured_price_is_refused():
    _refused(lambda: OrderItemFactory(unit_price=Decimal("-5")))


def test_a_product_appears_once_per_order():
    item = OrderItemFactory()

    _refused(lambda: OrderItemFactory(order=item.order, product=item.product))


def test_a_customer_has_at_most_one_default_address():
    first = AddressFactory(is_default=True)
    AddressFactory(customer=first.customer)  # any number of other addresses

    _refused(lambda: AddressFactory(customer=first.customer, is_default=True))


def test_a_sold_product_cannot_be_deleted():
    item = OrderItemFactory()

    _refused(item.product.delete)


def test_rows_describe_themselves():
    item = OrderItemFactory(
        quantity=3, unit_price=Decimal("2.50"), product__sku="SKU-X", product__name="Mug"
    )
    address = AddressFactory(
        recipient="Ada", line1="1 Main St", line2="", city="Berlin", postal_code="10115"
    )

    assert str(item.product) == "Mug (SKU-X)"
    assert str(item.product.category) == item.product.category.name
    assert str(item.order) == f"Order #{item.order.pk} (pending)"
    assert str(item) == f"3 x {item.product.pk} in order {item.order.pk}"
    assert item.line_total == Decimal("7.50")
    assert str(address) == "Ada, 1 Main St, Berlin"
    assert address.as_text() == "Ada\n1 Main St\n10115 Berlin\nDE"
    assert isinstance(item, OrderItem)
    assert isinstance(address, Address)
