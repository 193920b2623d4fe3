"""Reads of the shop; each selector owns the joins its callers need, so lists cost a fixed number of queries."""

from typing import Any

{% if cookiecutter.starter_mode == "solution" -%}
from django.db.models import (
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
{%- else -%}
from django.db.models import (
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
{%- endif %}
from django.db.models.functions import Coalesce

from {{ cookiecutter.project_slug }}.core.caching import CachedValue
from {{ cookiecutter.project_slug }}.users.models import User

from .models import Address, Category, Order, OrderItem, Product

# Until any product or category is written (an order's stock change included), or 5 minutes.
CATALOGUE_SUMMARY: CachedValue[dict[str, Any]] = CachedValue(
    "shop.catalogue_summary",
    depends_on=[Product, Category],
    timeout=5 * 60,
)


def category_list() -> QuerySet[Category]:
    """Every category, by name; ``parent`` is shown as an id, so no join is needed."""
    return Category.objects.order_by("name", "id")


def product_list(*, include_inactive: bool = False) -> QuerySet[Product]:
    """Products with their category in the same query; the public sees active ones only."""
    products = Product.objects.select_related("category").order_by("name", "id")
    return products if include_inactive else products.filter(is_active=True)


def catalogue_summary() -> dict[str, Any]:
    """Counts, stock and price range of the active catalogue, per category: cached."""
    return CATALOGUE_SUMMARY.get_or_set(_summarise_catalogue)


def _summarise_catalogue() -> dict[str, Any]:
    # One grouped query over every active product; a catalogue of any size costs the same.
    per_category = list(
        Product.objects.filter(is_active=True)
        .values("category_id", "category__name", "category__slug")
        .annotate(
            products=Count("id"),
            in_stock=Count("id", filter=Q(stock__gt=0)),
            units=Sum("stock"),
            min_price=Min("price"),
            max_price=Max("price"),
        )
        .order_by("category__name", "category_id")
    )
    return {
        "products": sum(row["products"] for row in per_category),
        "in_stock": sum(row["in_stock"] for row in per_category),
        "categories": [
            {
                "id": row["category_id"],
                "name": row["category__name"],
                "slug": row["category__slug"],
                "products": row["products"],
                "in_stock": row["in_stock"],
                "units": row["units"],
                "min_price": row["min_price"],
                "max_price": row["max_price"],
            }
            for row in per_category
        ],
    }


def address_list(*, user: User) -> QuerySet[Address]:
    """A customer's own addresses; staff see everyone's."""
    addresses = Address.objects.order_by("-created_at", "-id")
    return addresses if user.is_staff else addresses.filter(customer=user)


def _item_count() -> Coalesce:
    # A correlated subquery, not Count() over a join: PostgreSQL runs it for the page's rows only,
    # after ORDER BY and LIMIT, and the page's count() drops it, so neither groups every order
    # and item of the list; (customer, -created_at) serves the customer's ordering.
    counts = (
        OrderItem.objects.filter(order=OuterRef("pk"))
        .order_by()
        .values("order")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def order_list(*, user: User) -> QuerySet[Order]:
    """Orders newest first with their customer and item count; customers see only their own."""
    orders = (
        Order.objects.select_related("customer")
        .annotate(item_count=_item_count())
        .order_by("-created_at", "-id")
    )
    return orders if user.is_staff else orders.filter(customer=user)


def order_detail_list(*, user: User) -> QuerySet[Order]:
    """Orders with their items and products, fetched in one extra query whatever the item count."""
{%- if cookiecutter.starter_mode == "exercises" %}
    raise NotImplementedError(
        "exercise order-detail-list: start from order_list() and prefetch each order's items, "
        "ordered by id, with their products joined, so a page of orders costs a fixed number of "
        "queries (EXERCISES.md)"
    )
{%- else %}
    items = OrderItem.objects.select_related("product").order_by("id")
    return order_list(user=user).prefetch_related(Prefetch("items", queryset=items))
{%- endif %}
