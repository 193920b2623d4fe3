"""Reads of the shop; each selector owns the joins its callers need, so lists cost a fixed number of queries."""

from django.db.models import Count, Prefetch, QuerySet

from {{ cookiecutter.project_slug }}.users.models import User

from .models import Address, Category, Order, OrderItem, Product


def category_list() -> QuerySet[Category]:
    """Every category, by name; ``parent`` is shown as an id, so no join is needed."""
    return Category.objects.order_by("name", "id")


def product_list(*, include_inactive: bool = False) -> QuerySet[Product]:
    """Products with their category in the same query; the public sees active ones only."""
    products = Product.objects.select_related("category").order_by("name", "id")
    return products if include_inactive else products.filter(is_active=True)


def address_list(*, user: User) -> QuerySet[Address]:
    """A customer's own addresses; staff see everyone's."""
    addresses = Address.objects.order_by("-created_at", "-id")
    return addresses if user.is_staff else addresses.filter(customer=user)


def order_list(*, user: User) -> QuerySet[Order]:
    """Orders newest first with their customer and item count; customers see only their own."""
    orders = (
        Order.objects.select_related("customer")
        .annotate(item_count=Count("items"))
        .order_by("-created_at", "-id")
    )
    return orders if user.is_staff else orders.filter(customer=user)


def order_detail_list(*, user: User) -> QuerySet[Order]:
    """Orders with their items and products, fetched in one extra query whatever the item count."""
    items = OrderItem.objects.select_related("product").order_by("id")
    return order_list(user=user).prefetch_related(Prefetch("items", queryset=items))
