"""Writes of the shop: each function is one transaction that leaves the database consistent or untouched."""

{% if cookiecutter.starter_mode == "solution" -%}
from collections import Counter
from decimal import Decimal
{% endif -%}
from typing import Any

from django.db import transaction
from django.db.models import F
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.exceptions import ApplicationError
from {{ cookiecutter.project_slug }}.core.services import model_update
from {{ cookiecutter.project_slug }}.users.models import User

{% if cookiecutter.starter_mode == "solution" -%}
from .models import ALLOWED_TRANSITIONS, Address, Category, Order, OrderItem, Product
{%- else -%}
from .models import ALLOWED_TRANSITIONS, Address, Category, Order, Product
{%- endif %}


@transaction.atomic
def product_create(*, category: Category, **fields: Any) -> Product:
    product = Product(category=category, **fields)
    product.full_clean()
    product.save()
    return product


@transaction.atomic
def product_update(*, product: Product, **fields: Any) -> Product:
    return model_update(instance=product, data=fields)


def _clear_other_defaults(address: Address) -> None:
    """A new default demotes the old one; a failed save rolls this back with the transaction."""
    if address.is_default:
        Address.objects.filter(customer_id=address.customer_id, is_default=True).exclude(
            pk=address.pk
        ).update(is_default=False)


@transaction.atomic
def address_create(*, customer: User, **fields: Any) -> Address:
    """Add an address; a new default replaces the old one (the database allows only one)."""
    address = Address(customer=customer, **fields)
    _clear_other_defaults(address)  # first, so validation sees at most one default
    address.full_clean()
    address.save()
    return address


@transaction.atomic
def address_update(*, address: Address, **fields: Any) -> Address:
    return model_update(instance=address, data=fields, before_validation=_clear_other_defaults)


@transaction.atomic
def address_delete(*, address: Address) -> None:
    address.delete()


@transaction.atomic
def order_place(*, customer: User, address: Address, items: list[dict[str, Any]]) -> Order:
    """Place an order for ``items`` (``{"product": id, "quantity": n}``), taking the stock it needs.

    The product rows are locked (SELECT ... FOR UPDATE, in id order so two orders never deadlock)
    before the stock is read: a concurrent order for the same product waits here and then sees
    what this one left. Any refusal raises before the first write, and the whole function is one
    transaction, so a refused or failed order leaves no row behind.
    """
{%- if cookiecutter.starter_mode == "exercises" %}
    raise NotImplementedError(
        "exercise order-place: refuse another customer's address, lock the products in id order, "
        "refuse unknown products and short stock, then write the order, its items and the stock "
        "(EXERCISES.md)"
    )
{%- else %}
    if address.customer_id != customer.pk:
        raise ApplicationError(
            "The address belongs to someone else.", fields={"address": ["Unknown address."]}
        )
    wanted = Counter[int]()
    for item in items:
        wanted[item["product"]] += item["quantity"]
    products = {
        product.pk: product
        for product in Product.objects.select_for_update().filter(pk__in=wanted).order_by("pk")
    }
    unknown = sorted(pk for pk in wanted if pk not in products or not products[pk].is_active)
    if unknown:
        raise ApplicationError(
            "Some products do not exist or are not for sale.",
            code="unknown_product",
            fields={"items": [f"Product {pk} is not for sale." for pk in unknown]},
        )
    short = [
        {"product": pk, "requested": quantity, "available": products[pk].stock}
        for pk, quantity in sorted(wanted.items())
        if products[pk].stock < quantity
    ]
    if short:
        raise ApplicationError(
            "Not enough stock for some items; nothing was ordered.",
            code="insufficient_stock",
            status_code=status.HTTP_409_CONFLICT,
            fields={"items": short},
        )

    total = sum((products[pk].price * quantity for pk, quantity in wanted.items()), Decimal("0"))
    order = Order(customer=customer, shipping_address=address.as_text(), total=total)
    order.full_clean()
    order.save()
    OrderItem.objects.bulk_create(
        OrderItem(
            order=order, product=products[pk], quantity=quantity, unit_price=products[pk].price
        )
        for pk, quantity in sorted(wanted.items())
    )
    for pk, quantity in wanted.items():
        # F(): the decrement happens in SQL; the check constraint is the last line of defence.
        # save(), not QuerySet.update(): its signal invalidates the cached catalogue reads.
        products[pk].stock = F("stock") - quantity
        products[pk].save(update_fields=["stock"])
    return order
{%- endif %}


@transaction.atomic
def order_transition(*, order: Order, to_status: str, actor: User) -> Order:
    """Move an order to ``to_status`` if ``ALLOWED_TRANSITIONS`` permits; cancelling restocks.

    Customers may only cancel their own order; staff may make any allowed move.
    """
    order = Order.objects.select_for_update().get(pk=order.pk)
    if not actor.is_staff and to_status != Order.Status.CANCELLED:
        raise ApplicationError(
            "Only staff can move an order to that status.",
            code="permission_denied",
            status_code=status.HTTP_403_FORBIDDEN,
        )
    if to_status not in ALLOWED_TRANSITIONS[order.status]:
        raise ApplicationError(
            f"An order that is {order.status} cannot become {to_status}.",
            code="invalid_transition",
            status_code=status.HTTP_409_CONFLICT,
            fields={
                "status": [
                    f"Allowed next: {', '.join(sorted(ALLOWED_TRANSITIONS[order.status])) or 'none'}."
                ]
            },
        )
    if to_status == Order.Status.CANCELLED:
        for item in order.items.select_related("product").order_by("product_id"):
            # save(), not QuerySet.update(): its signal invalidates the cached catalogue reads.
            item.product.stock = F("stock") + item.quantity
            item.product.save(update_fields=["stock"])
    order.status = to_status
    order.full_clean()
    order.save(update_fields=["status", "updated_at"])
    return order
