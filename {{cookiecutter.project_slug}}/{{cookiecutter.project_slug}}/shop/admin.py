"""Admin for the shop: catalogue editing, and orders as read-only records (their status moves through the API)."""

from django.contrib import admin
from django.http import HttpRequest

from .models import Address, Category, Order, OrderItem, Product


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "parent", "created_at")
    list_select_related = ("parent",)
    list_filter = (("parent", admin.EmptyFieldListFilter),)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "sku", "category", "price", "stock", "is_active")
    list_select_related = ("category",)
    list_filter = ("is_active", "category")
    list_editable = ("is_active",)
    search_fields = ("name", "sku")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("category",)


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ("recipient", "city", "country", "customer", "is_default")
    list_select_related = ("customer",)
    list_filter = ("country", "is_default")
    search_fields = ("recipient", "city", "customer__email")
    raw_id_fields = ("customer",)


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    fields = ("product", "quantity", "unit_price")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Order | None = None) -> bool:
        return False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Orders change only through services (stock, transitions): the admin shows them."""

    list_display = ("id", "customer", "status", "total", "created_at")
    list_select_related = ("customer",)
    list_filter = ("status", "created_at")
    search_fields = ("=id", "customer__email")
    date_hierarchy = "created_at"
    inlines = (OrderItemInline,)
    readonly_fields = (
        "customer",
        "status",
        "shipping_address",
        "total",
        "created_at",
        "updated_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Order | None = None) -> bool:
        return False
