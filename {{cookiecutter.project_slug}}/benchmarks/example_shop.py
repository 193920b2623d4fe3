"""The shop's endpoints and rows for api_bench.py: every list, as the caller who reads it."""

from decimal import Decimal
from typing import Any

from bench_endpoints import Endpoint

ITEMS_PER_ORDER = 3
# Distinct rows the cold reads of a detail go through: more than a run of load reads.
COLD_ROWS = 20_000


def lists() -> list[Endpoint]:
    return [
        Endpoint("products", "public", "/api/v1/shop/products/", cached=True),
        Endpoint("orders", "customer", "/api/v1/shop/orders/"),
        Endpoint("categories", "public", "/api/v1/shop/categories/", cached=True),
        Endpoint("addresses", "customer", "/api/v1/shop/addresses/"),
        Endpoint("orders (staff)", "staff", "/api/v1/shop/orders/"),
    ]


def main_lists() -> list[Endpoint]:
    """The lists the load tool drives at every row count: products and the customer's orders."""
    return lists()[:2]


def details(people: dict[str, Any]) -> list[Endpoint]:
    """The detail the load tool drives, cold through many rows and warm on one."""
    from {{ cookiecutter.project_slug }}.shop.models import Product

    paths = tuple(
        f"/api/v1/shop/products/{slug}/"
        for slug in Product.objects.order_by("id").values_list("slug", flat=True)[:COLD_ROWS]
    )
    detail = Endpoint("product detail", "public", paths[0], cached=True, cold_paths=paths)
    return [detail]


def grow(start: int, stop: int, people: dict[str, Any]) -> None:
    """Add rows ``start`` to ``stop - 1`` to every list: each is the signed-in customer's."""
    from {{ cookiecutter.project_slug }}.shop.models import (
        Address,
        Category,
        Order,
        OrderItem,
        Product,
    )

    customer = people["customer"]
    numbers = range(start, stop)
    categories = Category.objects.bulk_create(
        Category(name=f"Bench category {n}", slug=f"bench-category-{n}") for n in numbers
    )
    products = Product.objects.bulk_create(
        Product(
            category=category,
            sku=f"BENCH-{n:06d}",
            slug=f"bench-product-{n}",
            name=f"Bench product {n}",
            description="A product of the API benchmark.",
            price=Decimal(n % 500) + Decimal("0.99"),
            stock=100,
        )
        for n, category in zip(numbers, categories, strict=True)
    )
    Address.objects.bulk_create(
        Address(
            customer=customer,
            recipient="Bench Customer",
            line1=f"{n} Bench Street",
            city="Berlin",
            postal_code="10115",
            country="DE",
        )
        for n in numbers
    )
    orders = Order.objects.bulk_create(
        Order(customer=customer, shipping_address="1 Bench Street", total=Decimal("3.00"))
        for _ in numbers
    )
    OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            product=products[(index + offset) % len(products)],
            quantity=1,
            unit_price=Decimal("1.00"),
        )
        for index, order in enumerate(orders)
        for offset in range(min(ITEMS_PER_ORDER, len(products)))
    )
