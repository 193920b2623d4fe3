"""The shop in GraphQL (strawberry): the public catalogue, your orders, placing and moving orders.

Lists read through the REST selectors, which own their joins and prefetches: a page of orders
with their customers, items and products costs the same few queries for 5 rows or 50.
"""

import datetime
from decimal import Decimal

import strawberry
import strawberry_django
from strawberry import auto

from {{ cookiecutter.project_slug }}.core.graphql.errors import not_found, perform
from {{ cookiecutter.project_slug }}.core.graphql.mutations_strawberry import Payload
from {{ cookiecutter.project_slug }}.core.graphql.pagination import get_or_none
from {{ cookiecutter.project_slug }}.core.graphql.types_strawberry import (
    IsAuthenticated,
    current_user,
    page_field,
)
from {{ cookiecutter.project_slug }}.users.graphql.schema_strawberry import UserType

from .. import selectors, services
from ..api.filters import CategoryFilter, OrderFilter, ProductFilter
from ..api.serializers import OrderPlaceInputSerializer, OrderTransitionInputSerializer
from ..models import Category, Order, OrderItem, Product


@strawberry_django.type(Category, name="Category")
class CategoryType:
    id: auto
    name: auto
    slug: auto

    @strawberry.field(description="The parent category's id; null at the top of the tree.")
    def parent_id(self, root: Category) -> strawberry.ID | None:
        return None if root.parent_id is None else strawberry.ID(str(root.parent_id))


@strawberry_django.type(Product, name="Product")
class ProductType:
    id: auto
    sku: auto
    slug: auto
    name: auto
    description: auto
    price: auto
    stock: auto
    is_active: auto
    created_at: auto
    category: CategoryType


@strawberry_django.type(
    Product, name="OrderedProduct", description="A product as an order names it."
)
class OrderedProductType:
    id: auto
    sku: auto
    name: auto


@strawberry_django.type(OrderItem, name="OrderItem")
class OrderItemType:
    product: OrderedProductType
    quantity: auto
    unit_price: auto

    @strawberry.field
    def line_total(self, root: OrderItem) -> Decimal:
        return root.line_total


@strawberry_django.type(Order, name="Order")
class OrderType:
    id: auto
    status: str
    shipping_address: auto
    total: auto
    created_at: auto
    customer: UserType

    @strawberry.field
    def items(self, root: Order) -> list[OrderItemType]:
        # The selector prefetched them: .all() reads the prefetch cache, no query per order.
        # Rows, rendered as OrderItemType by strawberry_django.
        return root.items.all()  # type: ignore[return-value]


@strawberry.input(description="The REST catalogue's filters.")
class CategoryFilterInput:
    parent: strawberry.ID | None = None
    root: bool | None = None


@strawberry.input(description="The REST product list's filters; category is a slug.")
class ProductFilterInput:
    category: str | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool | None = None
    is_active: bool | None = None


@strawberry.input(description="The REST order list's filters.")
class OrderFilterInput:
    status: str | None = None
    created_after: datetime.datetime | None = None
    created_before: datetime.datetime | None = None


@strawberry.input
class OrderItemInput:
    product: strawberry.ID
    quantity: int


@strawberry.input
class PlaceOrderInput:
    address: strawberry.ID
    items: list[OrderItemInput]


@strawberry.input
class TransitionOrderInput:
    id: strawberry.ID
    status: str


@strawberry.type
class OrderPayload(Payload):
    order: OrderType | None = None


def _as_detail(info: strawberry.Info, order: Order) -> Order:
    """The order as ``orders`` shows it, with its items."""
    return selectors.order_detail_list(user=current_user(info)).get(pk=order.pk)


@strawberry.type
class Query:
    categories = page_field(
        CategoryType,
        CategoryFilterInput,
        CategoryFilter,
        lambda info: selectors.category_list(),
        description="The catalogue's categories, by name.",
    )
    products = page_field(
        ProductType,
        ProductFilterInput,
        ProductFilter,
        lambda info: selectors.product_list(include_inactive=current_user(info).is_staff),
        description="Products for sale; staff also see inactive ones.",
    )
    orders = page_field(
        OrderType,
        OrderFilterInput,
        OrderFilter,
        lambda info: selectors.order_detail_list(user=current_user(info)),
        permission_classes=[IsAuthenticated],
        description="Your orders, newest first, with their items; staff see everyone's.",
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Place an order from one of your addresses; stock is taken under row locks.",
    )
    def place_order(self, info: strawberry.Info, input: PlaceOrderInput) -> OrderPayload:
        customer = current_user(info)
        data = {"address": input.address, "items": [vars(item) for item in input.items]}
        return OrderPayload.answer(
            perform(
                OrderPlaceInputSerializer,
                data,
                lambda valid: _as_detail(info, services.order_place(customer=customer, **valid)),
                context={"request": info.context.request},
            )
        )

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Move an order along its workflow: cancel your own; staff may do any allowed move.",
    )
    def transition_order(self, info: strawberry.Info, input: TransitionOrderInput) -> OrderPayload:
        actor = current_user(info)
        order = get_or_none(selectors.order_list(user=actor), input.id)
        if order is None:
            return OrderPayload.answer(not_found("order"))
        return OrderPayload.answer(
            perform(
                OrderTransitionInputSerializer,
                {"status": input.status},
                lambda valid: _as_detail(
                    info,
                    services.order_transition(order=order, to_status=valid["status"], actor=actor),
                ),
            )
        )
