"""Input and output shapes of the shop API; they validate and render, the services decide."""

from django.db.models import QuerySet
from rest_framework import serializers

from ..models import Address, Category, Order, OrderItem, Product


class CategoryBriefSerializer(serializers.ModelSerializer):
    """A category as a product names it."""

    class Meta:
        model = Category
        fields: tuple[str, ...] = ("id", "name", "slug")


class CategoryOutputSerializer(CategoryBriefSerializer):
    class Meta(CategoryBriefSerializer.Meta):
        fields = (*CategoryBriefSerializer.Meta.fields, "parent")


class ProductOutputSerializer(serializers.ModelSerializer):
    category = CategoryBriefSerializer()

    class Meta:
        model = Product
        fields = (
            "id",
            "sku",
            "slug",
            "name",
            "description",
            "price",
            "stock",
            "is_active",
            "category",
            "created_at",
        )


class ProductInputSerializer(serializers.ModelSerializer):
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())

    class Meta:
        model = Product
        fields = ("sku", "slug", "name", "description", "price", "stock", "is_active", "category")


class CategorySummaryOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()
    products = serializers.IntegerField(help_text="Active products in the category.")
    in_stock = serializers.IntegerField(help_text="Active products with stock above zero.")
    units = serializers.IntegerField(help_text="Units on hand over its active products.")
    min_price = serializers.DecimalField(max_digits=10, decimal_places=2)
    max_price = serializers.DecimalField(max_digits=10, decimal_places=2)


class CatalogueSummaryOutputSerializer(serializers.Serializer):
    products = serializers.IntegerField(help_text="Active products.")
    in_stock = serializers.IntegerField(help_text="Active products with stock above zero.")
    categories = CategorySummaryOutputSerializer(many=True)


class AddressSerializer(serializers.ModelSerializer):
    """Addresses read and write the same fields; the customer is always the caller."""

    class Meta:
        model = Address
        fields = (
            "id",
            "label",
            "recipient",
            "line1",
            "line2",
            "city",
            "postal_code",
            "country",
            "is_default",
            "created_at",
        )
        read_only_fields = ("id", "created_at")


class OrderItemInputSerializer(serializers.Serializer):
    product = serializers.IntegerField(min_value=1)
    quantity = serializers.IntegerField(min_value=1, max_value=1000)


class OwnAddressField(serializers.PrimaryKeyRelatedField):
    """An address id looked up among the caller's addresses only: anyone else's does not exist."""

    def get_queryset(self) -> QuerySet[Address]:
        return Address.objects.filter(customer=self.context["request"].user)


class OrderPlaceInputSerializer(serializers.Serializer):
    address = OwnAddressField(queryset=Address.objects.all())
    # What many=True builds, spelled out: the stubs' many=True signature has no max_length.
    items: serializers.ListSerializer[list[dict]] = serializers.ListSerializer(
        child=OrderItemInputSerializer(), allow_empty=False, max_length=100
    )

    def validate_items(self, items: list[dict]) -> list[dict]:
        products = [item["product"] for item in items]
        if len(products) != len(set(products)):
            raise serializers.ValidationError("List each product once; raise its quantity instead.")
        return items


class OrderTransitionInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Order.Status.choices)


class CustomerBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()


class OrderOutputSerializer(serializers.ModelSerializer):
    customer = CustomerBriefSerializer()
    item_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Order
        fields: tuple[str, ...] = (
            "id",
            "status",
            "total",
            "item_count",
            "customer",
            "shipping_address",
            "created_at",
        )


class ProductBriefSerializer(serializers.ModelSerializer):
    """A product as an order line names it; the price paid is the line's, not the product's."""

    class Meta:
        model = Product
        fields = ("id", "sku", "name")


class OrderItemOutputSerializer(serializers.ModelSerializer):
    product = ProductBriefSerializer()
    line_total = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = OrderItem
        fields = ("product", "quantity", "unit_price", "line_total")


class OrderDetailOutputSerializer(OrderOutputSerializer):
    items = OrderItemOutputSerializer(many=True)

    class Meta(OrderOutputSerializer.Meta):
        fields = (*OrderOutputSerializer.Meta.fields, "items")
