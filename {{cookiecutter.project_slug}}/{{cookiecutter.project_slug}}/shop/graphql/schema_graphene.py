"""The shop in GraphQL (graphene): the public catalogue, your orders, placing and moving orders.

Lists read through the REST selectors, which own their joins and prefetches: a page of orders
with their customers, items and products costs the same few queries for 5 rows or 50.
"""

from decimal import Decimal
from typing import Any

import graphene
from graphene_django import DjangoObjectType

from {{ cookiecutter.project_slug }}.core.graphql.errors import Outcome, not_found, perform
from {{ cookiecutter.project_slug }}.core.graphql.mutations_graphene import InputMutation, payload_type
from {{ cookiecutter.project_slug }}.core.graphql.pagination import get_or_none
from {{ cookiecutter.project_slug }}.core.graphql.types_graphene import (
    current_user,
    login_required,
    page_field,
    page_type,
)
from {{ cookiecutter.project_slug }}.users.graphql.schema_graphene import UserType

from .. import selectors, services
from ..api.filters import CategoryFilter, OrderFilter, ProductFilter
from ..api.serializers import (
    CategoryBriefSerializer,
    OrderPlaceInputSerializer,
    OrderTransitionInputSerializer,
    ProductBriefSerializer,
    ProductOutputSerializer,
)
from ..models import Category, Order, OrderItem, Product


class CategoryType(DjangoObjectType):
    parent_id = graphene.ID(description="The parent category's id; null at the top of the tree.")

    class Meta:
        model = Category
        name = "Category"
        fields = CategoryBriefSerializer.Meta.fields


class ProductType(DjangoObjectType):
    category = graphene.Field(CategoryType, required=True)

    class Meta:
        model = Product
        name = "Product"
        # What REST shows of a product; the category is the field above.
        fields = ProductOutputSerializer.Meta.fields


class OrderedProductType(DjangoObjectType):
    """A product as an order names it."""

    class Meta:
        model = Product
        name = "OrderedProduct"
        fields = ProductBriefSerializer.Meta.fields
        skip_registry = True


class OrderItemType(DjangoObjectType):
    product = graphene.Field(OrderedProductType, required=True)
    line_total = graphene.Decimal(required=True)

    class Meta:
        model = OrderItem
        name = "OrderItem"
        fields = ("quantity", "unit_price")

    def resolve_line_total(self, info: graphene.ResolveInfo) -> Decimal:
        return self.line_total


class OrderType(DjangoObjectType):
    status = graphene.String(required=True)
    customer = graphene.Field(UserType, required=True)
    items = graphene.List(graphene.NonNull(OrderItemType), required=True)

    class Meta:
        model = Order
        name = "Order"
        fields = ("id", "shipping_address", "total", "created_at")

    def resolve_items(self, info: graphene.ResolveInfo) -> Any:
        # The selector prefetched them: .all() reads the prefetch cache, no query per order.
        return self.items.all()


CategoryPage = page_type(CategoryType)
ProductPage = page_type(ProductType)
OrderPage = page_type(OrderType)


class CategoryFilterInput(graphene.InputObjectType):
    """The REST catalogue's filters."""

    parent = graphene.ID()
    root = graphene.Boolean()


class ProductFilterInput(graphene.InputObjectType):
    """The REST product list's filters; category is a slug."""

    category = graphene.String()
    min_price = graphene.Decimal()
    max_price = graphene.Decimal()
    in_stock = graphene.Boolean()
    is_active = graphene.Boolean()


class OrderFilterInput(graphene.InputObjectType):
    """The REST order list's filters."""

    status = graphene.String()
    created_after = graphene.DateTime()
    created_before = graphene.DateTime()


class OrderItemInput(graphene.InputObjectType):
    product = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class PlaceOrderInput(graphene.InputObjectType):
    address = graphene.ID(required=True)
    items = graphene.List(graphene.NonNull(OrderItemInput), required=True)


class TransitionOrderInput(graphene.InputObjectType):
    id = graphene.ID(required=True)
    status = graphene.String(required=True)


OrderPayload = payload_type("OrderPayload", order=OrderType)


def _as_detail(info: graphene.ResolveInfo, order: Order) -> Order:
    """The order as ``orders`` shows it, with its items."""
    return selectors.order_detail_list(user=current_user(info)).get(pk=order.pk)


class PlaceOrder(InputMutation, input=PlaceOrderInput, payload=OrderPayload):
    @staticmethod
    def write(info: graphene.ResolveInfo, input: PlaceOrderInput) -> Outcome:
        customer = current_user(info)
        data = {"address": input.address, "items": [dict(item) for item in input.items]}
        return perform(
            OrderPlaceInputSerializer,
            data,
            lambda valid: _as_detail(info, services.order_place(customer=customer, **valid)),
            context={"request": info.context},
        )


class TransitionOrder(InputMutation, input=TransitionOrderInput, payload=OrderPayload):
    @staticmethod
    def write(info: graphene.ResolveInfo, input: TransitionOrderInput) -> Outcome:
        actor = current_user(info)
        order = get_or_none(selectors.order_list(user=actor), input.id)
        if order is None:
            return not_found("order")
        return perform(
            OrderTransitionInputSerializer,
            {"status": input.status},
            lambda valid: _as_detail(
                info, services.order_transition(order=order, to_status=valid["status"], actor=actor)
            ),
        )


class Query(graphene.ObjectType):
    categories = page_field(
        CategoryPage,
        CategoryFilterInput,
        CategoryFilter,
        lambda info: selectors.category_list(),
        description="The catalogue's categories, by name.",
    )
    products = page_field(
        ProductPage,
        ProductFilterInput,
        ProductFilter,
        lambda info: selectors.product_list(include_inactive=current_user(info).is_staff),
        description="Products for sale; staff also see inactive ones.",
    )
    orders = page_field(
        OrderPage,
        OrderFilterInput,
        OrderFilter,
        lambda info: selectors.order_detail_list(user=current_user(info)),
        guard=login_required,
        description="Your orders, newest first, with their items; staff see everyone's.",
    )


class Mutation(graphene.ObjectType):
    place_order = PlaceOrder.Field(
        description="Place an order from one of your addresses; stock is taken under row locks."
    )
    transition_order = TransitionOrder.Field(
        description="Move an order along its workflow: cancel your own; staff may do any allowed move."
    )
