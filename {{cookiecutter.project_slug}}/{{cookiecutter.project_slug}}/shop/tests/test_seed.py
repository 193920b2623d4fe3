"""seed_shop: a realistic demo catalogue with customers and orders, and nothing more on a second run."""

import pytest
from django.db.models import Sum

from ..models import Category, Order, OrderItem, Product
from ..seed import seed_shop

pytestmark = pytest.mark.django_db


def test_seeding_creates_the_catalogue_customers_and_placed_orders():
    created = seed_shop(size=10)

    assert created == {"categories": 6, "products": 10, "customers": 2, "orders": 2}
    assert Category.objects.filter(parent__isnull=False).count() == 4
    assert Product.objects.filter(category__parent__isnull=True).count() == 0
    assert all(order.items.count() == 3 for order in Order.objects.all())


def test_seeding_again_creates_nothing_and_a_larger_size_adds_only_the_difference():
    seed_shop(size=10)

    assert set(seed_shop(size=10).values()) == {0}
    assert seed_shop(size=15) == {"categories": 0, "products": 5, "customers": 1, "orders": 1}


def test_a_large_seed_spreads_orders_over_the_catalogue_and_takes_their_stock():
    before = seed_shop(size=10)  # earlier products: their stock is taken too
    progress: list[tuple[str, int, int]] = []

    created = seed_shop(size=1000, progress=lambda *step: progress.append(step))

    assert created == {"categories": 0, "products": 990, "customers": 198, "orders": 198}
    assert Order.objects.count() == before["orders"] + 198
    units = OrderItem.objects.aggregate(total=Sum("quantity"))["total"]
    assert units == 3 * Order.objects.count()
    # Each product lost exactly the units its order items took, and none went below zero.
    initial = {p.pk: 20 + int(p.sku[5:]) * 37 % 181 for p in Product.objects.all()}
    taken = dict(OrderItem.objects.values_list("product").annotate(Sum("quantity")))
    assert all(p.stock == initial[p.pk] - taken.get(p.pk, 0) >= 0 for p in Product.objects.all())
    assert ("products", 990, 990) in progress
    assert ("orders", 198, 198) in progress
