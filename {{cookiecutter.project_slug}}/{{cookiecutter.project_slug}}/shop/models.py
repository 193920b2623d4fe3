"""The shop's tables: categories, products, addresses, orders and their items.

Integrity lives in the database: every rule a row must obey (unique keys, non-negative prices and stock,
positive quantities, known statuses, one default address) is a named constraint, so no code path,
admin form or raw SQL can break it. Each filter and ordering the API offers has an index.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q


class Category(models.Model):
    """A node of the catalogue tree.

    A tree through a nullable ``parent`` (an adjacency list) rather than a flat list: shops nest
    "Books > Fiction", and one self-referencing key is the simplest tree SQL knows. The API returns
    ``parent`` as an id, so reading categories never recurses; deep navigation would call for a
    recursive CTE or a materialised path, which this example does not need.
    """

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    # PROTECT: removing a category must not silently delete its subtree or orphan products.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "categories"
        constraints = (
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="shop_category_not_own_parent",
            ),
        )
        indexes = (models.Index(fields=("name",), name="shop_category_name_idx"),)

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """Something for sale; ``stock`` is the count on hand, never below zero."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")
    sku = models.CharField("SKU", max_length=32, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # Decimal, never float: money must add up to the cent.
    price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    stock = models.IntegerField(default=0, validators=[MinValueValidator(0)])
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.CheckConstraint(condition=Q(price__gte=0), name="shop_product_price_gte_0"),
            models.CheckConstraint(condition=Q(stock__gte=0), name="shop_product_stock_gte_0"),
        )
        indexes = (
            # The public list: active products, by name.
            models.Index(fields=("is_active", "name"), name="shop_product_active_name_idx"),
            models.Index(fields=("name",), name="shop_product_name_idx"),
            models.Index(fields=("price",), name="shop_product_price_idx"),
            models.Index(fields=("stock",), name="shop_product_stock_idx"),
            models.Index(fields=("created_at",), name="shop_product_created_idx"),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.sku})"


class Address(models.Model):
    """A customer's delivery address; orders copy it, so editing it later rewrites no history."""

    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="addresses",
    )
    label = models.CharField(max_length=50, blank=True)
    recipient = models.CharField(max_length=150)
    line1 = models.CharField("address line 1", max_length=200)
    line2 = models.CharField("address line 2", max_length=200, blank=True)
    city = models.CharField(max_length=100)
    postal_code = models.CharField(max_length=20)
    country = models.CharField(
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{2}$", "Use an ISO 3166-1 alpha-2 code such as DE.")],
        help_text="ISO 3166-1 alpha-2 code, e.g. DE",
    )
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "addresses"
        constraints = (
            # A partial unique index: any number of addresses, at most one default per customer.
            models.UniqueConstraint(
                fields=("customer",),
                condition=Q(is_default=True),
                name="shop_address_one_default_per_customer",
            ),
        )
        indexes = (
            models.Index(fields=("customer", "created_at"), name="shop_address_customer_idx"),
            models.Index(fields=("country",), name="shop_address_country_idx"),
            models.Index(fields=("city",), name="shop_address_city_idx"),
        )

    def __str__(self) -> str:
        return f"{self.recipient}, {self.line1}, {self.city}"

    def as_text(self) -> str:
        """The address as printed on a parcel: what an order keeps."""
        lines = [
            self.recipient,
            self.line1,
            self.line2,
            f"{self.postal_code} {self.city}",
            self.country,
        ]
        return "\n".join(line for line in lines if line)


class Order(models.Model):
    """A customer's order; its status moves only along ``ALLOWED_TRANSITIONS``."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending payment"
        PAID = "paid", "Paid"
        SHIPPED = "shipped", "Shipped"
        DELIVERED = "delivered", "Delivered"
        CANCELLED = "cancelled", "Cancelled"

    # PROTECT: orders are financial records; an account with orders is deactivated, not deleted.
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # Copied from the chosen address when the order is placed.
    shipping_address = models.TextField()
    # The sum of the items' captured prices; stored so lists and reports never re-add them.
    total = models.DecimalField(max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=["pending", "paid", "shipped", "delivered", "cancelled"]),
                name="shop_order_status_known",
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="shop_order_total_gte_0"),
        )
        indexes = (
            # "My orders, newest first": the customer's list in one index range scan.
            models.Index(fields=("customer", "-created_at"), name="shop_order_customer_idx"),
            models.Index(fields=("status", "-created_at"), name="shop_order_status_idx"),
            models.Index(fields=("created_at",), name="shop_order_created_idx"),
            models.Index(fields=("total",), name="shop_order_total_idx"),
        )

    def __str__(self) -> str:
        return f"Order #{self.pk} ({self.status})"


# Which status may follow which; anything else is refused with 409.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Order.Status.PENDING: frozenset({Order.Status.PAID, Order.Status.CANCELLED}),
    Order.Status.PAID: frozenset({Order.Status.SHIPPED, Order.Status.CANCELLED}),
    Order.Status.SHIPPED: frozenset({Order.Status.DELIVERED}),
    Order.Status.DELIVERED: frozenset(),
    Order.Status.CANCELLED: frozenset(),
}


class OrderItem(models.Model):
    """One product line of an order, at the price it had when the order was placed."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    # PROTECT: a product that was ever sold stays; deactivate it instead.
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="order_items")
    quantity = models.IntegerField(validators=[MinValueValidator(1)])
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("order", "product"), name="shop_orderitem_product_once"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="shop_orderitem_quantity_gt_0"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0),
                name="shop_orderitem_unit_price_gte_0",
            ),
        )

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_id} in order {self.order_id}"

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity
