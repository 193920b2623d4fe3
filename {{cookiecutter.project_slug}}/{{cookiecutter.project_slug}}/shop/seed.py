"""Demo data for the shop (``manage.py seed_demo``): a catalogue, customers and their orders.

Idempotent: every demo row has a fixed natural key (slug, SKU, email), so a second run with the same
size finds them and creates nothing, and a larger size adds only the difference. Rows are built by
the factories and written with ``bulk_create`` in batches, so 100,000 products take seconds, not
an insert (and a password hash) each. Each customer's order takes three products spread over the
whole catalogue, and the stock those orders took is subtracted from the products, so the demo
stock is what ``order_place`` would have left; every product starts with 20 to 200 units, more
than the orders of any size take from it.
"""

from collections import Counter
from decimal import Decimal

import factory.random
from django.db import transaction

from {{ cookiecutter.project_slug }}.core.seeding import BATCH_SIZE, Progress, batches, no_progress
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.seed import users_seed

from .models import Address, Category, Order, OrderItem, Product
from .tests.factories import AddressFactory, CategoryFactory, ProductFactory

# (name, parent name): a two-level tree.
CATEGORIES = (
    ("Books", None),
    ("Fiction", "Books"),
    ("Science", "Books"),
    ("Home", None),
    ("Kitchen", "Home"),
    ("Garden", "Home"),
)
LEAVES = ("fiction", "science", "kitchen", "garden")
ITEMS_PER_ORDER = 3


def _categories() -> tuple[dict[str, Category], int]:
    found = {category.slug: category for category in Category.objects.all()}
    created = 0
    for name, parent in CATEGORIES:
        slug = name.lower()
        if slug not in found:
            parent_row = found[parent.lower()] if parent else None
            found[slug] = CategoryFactory.create(name=name, slug=slug, parent=parent_row)
            created += 1
    return found, created


def _products(size: int, categories: dict[str, Category], progress: Progress) -> int:
    existing = set(Product.objects.filter(sku__startswith="DEMO-").values_list("sku", flat=True))
    missing = [n for n in range(1, size + 1) if f"DEMO-{n:05d}" not in existing]
    for batch in batches(missing, progress, "products"):
        Product.objects.bulk_create(
            ProductFactory.build(
                sku=f"DEMO-{number:05d}",
                slug=f"demo-product-{number}",
                category=categories[LEAVES[number % len(LEAVES)]],
                stock=20 + number * 37 % 181,
            )
            for number in batch
        )
    return len(missing)


def _orders(customers: list[User], progress: Progress) -> int:
    """One order of three products for each customer without one, and its address."""
    ordered = set(
        Order.objects.filter(customer__in=customers).values_list("customer_id", flat=True)
    )
    waiting = [customer for customer in customers if customer.pk not in ordered]
    products = list(Product.objects.filter(sku__startswith="DEMO-").order_by("sku"))
    taken: Counter[int] = Counter()
    for batch in batches(waiting, progress, "orders"):
        with transaction.atomic():
            with_address = set(
                Address.objects.filter(customer__in=batch).values_list("customer_id", flat=True)
            )
            Address.objects.bulk_create(
                AddressFactory.build(customer=customer, is_default=True)
                for customer in batch
                if customer.pk not in with_address
            )
            addresses = {a.customer_id: a for a in Address.objects.filter(customer__in=batch)}
            picks = {
                customer.pk: [
                    products[(customer.pk * ITEMS_PER_ORDER + k) % len(products)]
                    for k in range(min(ITEMS_PER_ORDER, len(products)))
                ]
                for customer in batch
            }
            orders = Order.objects.bulk_create(
                Order(
                    customer=customer,
                    shipping_address=addresses[customer.pk].as_text(),
                    total=sum((p.price for p in picks[customer.pk]), Decimal("0.00")),
                )
                for customer in batch
            )
            OrderItem.objects.bulk_create(
                OrderItem(order=order, product=product, quantity=1, unit_price=product.price)
                for order in orders
                for product in picks[order.customer_id]
            )
            taken.update(p.pk for customer in batch for p in picks[customer.pk])
    for product in products:
        product.stock -= taken[product.pk]
    Product.objects.bulk_update(
        [p for p in products if taken[p.pk]], ["stock"], batch_size=BATCH_SIZE
    )
    return len(waiting)


def seed_shop(*, size: int, progress: Progress = no_progress) -> dict[str, int]:
    """Ensure ``size`` demo products and ``size // 5`` (at least one) demo customers with one order each."""
    factory.random.reseed_random("{{ cookiecutter.project_slug }}-shop")  # same names every run
    categories, created_categories = _categories()
    created_products = _products(size, categories, progress)
    emails = [f"demo-customer-{number}@example.com" for number in range(1, max(1, size // 5) + 1)]
    customers, created_customers = users_seed(emails=emails, what="customers", progress=progress)
    created_orders = _orders(customers, progress)
    return {
        "categories": created_categories,
        "products": created_products,
        "customers": created_customers,
        "orders": created_orders,
    }
