"""Demo data for the shop (``manage.py seed_demo``): a small catalogue, customers and their orders.

Idempotent: every demo row has a fixed natural key (slug, SKU, email), so a second run with the same
size finds them and creates nothing. Orders go through ``order_place``, so demo stock is consistent.
"""

import factory.random

from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from . import services
from .models import Category, Order, Product
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


def seed_shop(*, size: int) -> dict[str, int]:
    """Ensure ``size`` demo products and ``size // 5`` (at least one) demo customers with one order each."""
    factory.random.reseed_random("{{ cookiecutter.project_slug }}-shop")  # same names every run
    categories, created_categories = _categories()

    existing = set(Product.objects.filter(sku__startswith="DEMO-").values_list("sku", flat=True))
    created_products = 0
    for number in range(1, size + 1):
        sku = f"DEMO-{number:05d}"
        if sku not in existing:
            ProductFactory.create(
                sku=sku,
                slug=f"demo-product-{number}",
                category=categories[LEAVES[number % len(LEAVES)]],
                stock=100,
            )
            created_products += 1

    created_customers = created_orders = 0
    products = list(Product.objects.filter(sku__startswith="DEMO-").order_by("sku")[:3])
    for number in range(1, max(1, size // 5) + 1):
        email = f"demo-customer-{number}@example.com"
        customer = User.objects.filter(email=email).first()
        if customer is None:
            customer = UserFactory.create(email=email)
            created_customers += 1
        if not Order.objects.filter(customer=customer).exists():
            address = customer.addresses.first() or AddressFactory.create(
                customer=customer, is_default=True
            )
            items = [{"product": product.pk, "quantity": 1} for product in products]
            services.order_place(customer=customer, address=address, items=items)
            created_orders += 1
    return {
        "categories": created_categories,
        "products": created_products,
        "customers": created_customers,
        "orders": created_orders,
    }
