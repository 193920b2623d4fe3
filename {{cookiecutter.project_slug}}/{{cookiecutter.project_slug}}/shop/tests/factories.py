"""Factories for shop rows."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from ..models import Address, Category, Order, OrderItem, Product


class CategoryFactory(DjangoModelFactory[Category]):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductFactory(DjangoModelFactory[Product]):
    class Meta:
        model = Product

    category = factory.SubFactory(CategoryFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:06d}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    name = factory.Faker("catch_phrase")
    description = factory.Faker("paragraph")
    price = factory.Faker("pydecimal", left_digits=3, right_digits=2, min_value=1, max_value=500)
    stock = 10


class AddressFactory(DjangoModelFactory[Address]):
    class Meta:
        model = Address

    customer = factory.SubFactory(UserFactory)
    recipient = factory.Faker("name")
    line1 = factory.Faker("street_address")
    city = factory.Faker("city")
    postal_code = factory.Faker("postcode")
    country = "DE"


class OrderFactory(DjangoModelFactory[Order]):
    """An order row with no items; give it items with OrderItemFactory (or place one with the service)."""

    class Meta:
        model = Order

    customer = factory.SubFactory(UserFactory)
    shipping_address = factory.Faker("address")
    total = Decimal("0.00")


class OrderItemFactory(DjangoModelFactory[OrderItem]):
    class Meta:
        model = OrderItem

    order = factory.SubFactory(OrderFactory)
    product = factory.SubFactory(ProductFactory)
    quantity = 1
    unit_price = factory.SelfAttribute("product.price")
