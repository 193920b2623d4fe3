"""seed_shop: a realistic demo catalogue with customers and orders, and nothing more on a second run."""

import pytest

from ..models import Category, Order, Product
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
