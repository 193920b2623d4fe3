"""Shop endpoints: a public catalogue, and addresses and orders that belong to their customer.

Object permissions are querysets: each view reads through a selector scoped to the caller, so a
customer asking for someone else's address or order gets 404 (its existence is not revealed) and
staff see everything.

The public catalogue is cached (docs/caching.md): everyone but staff sees the same active
products, so they share entries; staff, who also see inactive products, read the database.
"""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response

from {{ cookiecutter.project_slug }}.core.caching import CachedListMixin, CachedObject
from {{ cookiecutter.project_slug }}.core.exports import CSVExportMixin
from {{ cookiecutter.project_slug }}.core.inputs import validated_input
from {{ cookiecutter.project_slug }}.core.querysets import empty_for_schema
from {{ cookiecutter.project_slug }}.users.auth import authenticated_user

from .. import selectors, services
from ..models import Address, Category, Order, Product
from .filters import AddressFilter, CategoryFilter, OrderFilter, ProductFilter
from .permissions import IsStaffOrReadOnly
from .serializers import (
    AddressSerializer,
    CatalogueSummaryOutputSerializer,
    CategoryOutputSerializer,
    OrderDetailOutputSerializer,
    OrderOutputSerializer,
    OrderPlaceInputSerializer,
    OrderTransitionInputSerializer,
    ProductInputSerializer,
    ProductOutputSerializer,
)

PLACE_EXAMPLE = OpenApiExample(
    "Two products",
    value={"address": 1, "items": [{"product": 3, "quantity": 2}, {"product": 7, "quantity": 1}]},
    request_only=True,
)
OVERSOLD_RESPONSE = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="Not enough stock; nothing was ordered and no stock was taken.",
    examples=[
        OpenApiExample(
            "Insufficient stock",
            value={
                "error": {
                    "status": 409,
                    "code": "insufficient_stock",
                    "message": "Not enough stock for some items; nothing was ordered.",
                    "fields": {"items": [{"product": 3, "requested": 2, "available": 1}]},
                }
            },
        )
    ],
)
TRANSITION_CONFLICT_RESPONSE = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="The order's current status does not allow that move.",
    examples=[
        OpenApiExample(
            "Shipped orders cannot be cancelled",
            value={
                "error": {
                    "status": 409,
                    "code": "invalid_transition",
                    "message": "An order that is shipped cannot become cancelled.",
                    "fields": {"status": ["Allowed next: delivered."]},
                }
            },
        )
    ],
)


# A public product page by slug, until that product (or any category) is written.
PRODUCT_DETAIL: CachedObject[dict[str, Any]] = CachedObject(
    "shop.product",
    model=Product,
    timeout=10 * 60,
    depends_on=[Category],
)


def _is_staff(request: Request) -> bool:
    return bool(request.user and request.user.is_staff)


def _catalogue_audience(request: Request) -> str | None:
    """Everyone but staff sees the same catalogue; staff bypass the cache."""
    return None if _is_staff(request) else "public"


class CategoryListView(CachedListMixin, CSVExportMixin, generics.ListAPIView):
    """The catalogue tree as a flat page of categories (``parent`` is an id)."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = CategoryOutputSerializer
    filterset_class = CategoryFilter
    search_fields = ("name",)
    ordering_fields = ("name", "created_at")
    cache_name = "shop.categories"
    cache_models = (Category,)
    cache_timeout = 5 * 60
    cache_per_user = False

    def get_queryset(self) -> QuerySet[Category]:
        return selectors.category_list()


class CategoryDetailView(generics.RetrieveAPIView):
    permission_classes = (permissions.AllowAny,)
    serializer_class = CategoryOutputSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Category]:
        return selectors.category_list()


class CatalogueSummaryView(generics.GenericAPIView):
    """Active products, stock and price range per category: one aggregate, cached."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = CatalogueSummaryOutputSerializer

    def get(self, request: Request) -> Response:
        return Response(self.get_serializer(selectors.catalogue_summary()).data)


class ProductListView(CachedListMixin, CSVExportMixin, generics.ListAPIView):
    """Active products for everyone (staff also see inactive ones); staff add products."""

    permission_classes = (IsStaffOrReadOnly,)
    serializer_class = ProductOutputSerializer
    filterset_class = ProductFilter
    search_fields = ("name", "sku", "description")
    ordering_fields = ("name", "price", "created_at", "stock")
    cache_name = "shop.products"
    cache_models = (Product, Category)
    cache_timeout = 60

    def get_cache_audience(self, request: Request) -> str | None:
        return _catalogue_audience(request)

    def get_queryset(self) -> QuerySet[Product]:
        return selectors.product_list(include_inactive=_is_staff(self.request))

    @extend_schema(request=ProductInputSerializer, responses={201: ProductOutputSerializer})
    def post(self, request: Request) -> Response:
        data = validated_input(ProductInputSerializer, request)
        product = services.product_create(**data)
        return Response(ProductOutputSerializer(product).data, status=status.HTTP_201_CREATED)


class ProductDetailView(generics.RetrieveAPIView):
    permission_classes = (IsStaffOrReadOnly,)
    serializer_class = ProductOutputSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Product]:
        return selectors.product_list(include_inactive=_is_staff(self.request))

    def get(self, request: Request, slug: str) -> Response:
        if _catalogue_audience(request) is None:
            return self.retrieve(request, slug=slug)

        rows = self.get_queryset().filter(slug=slug)
        return Response(
            PRODUCT_DETAIL.get_or_404(slug, rows, lambda p: self.get_serializer(p).data)
        )

    @extend_schema(request=ProductInputSerializer, responses={200: ProductOutputSerializer})
    def patch(self, request: Request, slug: str) -> Response:
        data = validated_input(ProductInputSerializer, request, partial=True)
        product = services.product_update(product=self.get_object(), **data)
        return Response(ProductOutputSerializer(product).data)


class CallerAddressesMixin(generics.GenericAPIView):
    """The address views' rows: the caller's addresses (staff: everyone's)."""

    @empty_for_schema(Address)
    def get_queryset(self) -> QuerySet[Address]:
        return selectors.address_list(user=authenticated_user(self.request))


class CallerOrdersMixin(generics.GenericAPIView):
    """The order views' rows: the caller's orders with their item counts (staff: everyone's)."""

    @empty_for_schema(Order)
    def get_queryset(self) -> QuerySet[Order]:
        return selectors.order_list(user=authenticated_user(self.request))


class AddressListView(CallerAddressesMixin, CSVExportMixin, generics.ListAPIView):
    """The caller's addresses (staff: everyone's); add one with POST."""

    serializer_class = AddressSerializer
    filterset_class = AddressFilter
    search_fields = ("recipient", "line1", "city", "postal_code")
    ordering_fields = ("created_at", "city")

    @extend_schema(request=AddressSerializer, responses={201: AddressSerializer})
    def post(self, request: Request) -> Response:
        data = validated_input(AddressSerializer, request)
        address = services.address_create(customer=authenticated_user(request), **data)
        return Response(AddressSerializer(address).data, status=status.HTTP_201_CREATED)


class AddressDetailView(CallerAddressesMixin, generics.RetrieveAPIView):
    """One of the caller's addresses: read, change (PATCH) or remove it."""

    serializer_class = AddressSerializer

    @extend_schema(request=AddressSerializer, responses={200: AddressSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        data = validated_input(AddressSerializer, request, partial=True)
        address = services.address_update(address=self.get_object(), **data)
        return Response(AddressSerializer(address).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        services.address_delete(address=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class OrderListView(CallerOrdersMixin, CSVExportMixin, generics.ListAPIView):
    """The caller's orders, newest first (staff: everyone's); place one with POST."""

    serializer_class = OrderOutputSerializer
    filterset_class = OrderFilter
    search_fields = ("shipping_address",)
    ordering_fields = ("created_at", "total", "status")

    @extend_schema(
        request=OrderPlaceInputSerializer,
        responses={201: OrderDetailOutputSerializer, 409: OVERSOLD_RESPONSE},
        examples=[PLACE_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        data = validated_input(OrderPlaceInputSerializer, request)
        customer = authenticated_user(request)
        order = services.order_place(customer=customer, **data)
        order = selectors.order_detail_list(user=customer).get(pk=order.pk)
        return Response(OrderDetailOutputSerializer(order).data, status=status.HTTP_201_CREATED)


class OrderDetailView(generics.RetrieveAPIView):
    """One order with its items at the prices they were bought for."""

    serializer_class = OrderDetailOutputSerializer

    @empty_for_schema(Order)
    def get_queryset(self) -> QuerySet[Order]:
        return selectors.order_detail_list(user=authenticated_user(self.request))


class OrderTransitionView(CallerOrdersMixin):
    """Move an order along its workflow: customers may cancel their own; staff may do any allowed move."""

    serializer_class = OrderTransitionInputSerializer

    @extend_schema(
        request=OrderTransitionInputSerializer,
        responses={200: OrderDetailOutputSerializer, 409: TRANSITION_CONFLICT_RESPONSE},
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = authenticated_user(request)
        order = self.get_object()
        data = validated_input(self.get_serializer_class(), request)
        services.order_transition(
            order=order,
            to_status=data["status"],
            actor=actor,
        )
        order = selectors.order_detail_list(user=actor).get(pk=order.pk)
        return Response(OrderDetailOutputSerializer(order).data)
