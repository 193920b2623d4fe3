"""Query-string filters of the shop lists (django-filter); each filtered column has an index."""

import django_filters
from django.db.models import QuerySet

from {{ cookiecutter.project_slug }}.core.filters import IdFilter, NumberFilter, UTCDateTimeFilter

from ..models import Address, Category, Order, Product


class CategoryFilter(django_filters.FilterSet):
    parent = IdFilter(field_name="parent_id")
    root = django_filters.BooleanFilter(
        field_name="parent", lookup_expr="isnull", label="Top level only"
    )

    class Meta:
        model = Category
        fields = ("parent", "root")


class ProductFilter(django_filters.FilterSet):
    category = django_filters.CharFilter(field_name="category__slug", label="Category slug")
    min_price = NumberFilter(field_name="price", lookup_expr="gte")
    max_price = NumberFilter(field_name="price", lookup_expr="lte")
    in_stock = django_filters.BooleanFilter(method="filter_in_stock", label="In stock")

    class Meta:
        model = Product
        fields = ("category", "min_price", "max_price", "in_stock", "is_active")

    def filter_in_stock(
        self, queryset: QuerySet[Product], name: str, value: bool | None
    ) -> QuerySet[Product]:
        return queryset.filter(stock__gt=0) if value else queryset.filter(stock=0)


class AddressFilter(django_filters.FilterSet):
    class Meta:
        model = Address
        fields = ("country", "is_default")


class OrderFilter(django_filters.FilterSet):
    created_after = UTCDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = UTCDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Order
        fields = ("status", "customer", "created_after", "created_before")
