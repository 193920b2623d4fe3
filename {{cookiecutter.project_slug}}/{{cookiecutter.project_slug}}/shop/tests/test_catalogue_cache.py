"""The cached catalogue: served from the cache when warm, fresh on the next read after any write.

Three layers: the category and product lists (view cache), a product page by slug (object cache),
the catalogue summary (get_or_set). Each write path is covered: the API, an order taking or
returning stock, a direct model save or delete, and the admin.
"""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework import status
from rest_framework.test import APIClient

from ..models import Product
from .factories import AddressFactory, CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db
PRODUCTS = reverse("shop:product-list")
CATEGORIES = reverse("shop:category-list")
SUMMARY = reverse("shop:catalogue-summary")


def product_page(slug: str) -> str:
    return reverse("shop:product-detail", kwargs={"slug": slug})


@pytest.fixture
def product() -> Product:
    return ProductFactory.create(name="Kettle", price=Decimal("30.00"), stock=5)


@pytest.fixture
def warm(api_client):
    """Read every cached layer once as the public, so the next public reads are hits."""

    def read(product: Product) -> None:
        for url in (PRODUCTS, CATEGORIES, SUMMARY, product_page(product.slug)):
            assert api_client.get(url).status_code == status.HTTP_200_OK

    return read


def listed(client: APIClient) -> dict[str, dict]:
    return {row["slug"]: row for row in client.get(PRODUCTS).json()["results"]}


def summary_of(client: APIClient, product: Product) -> dict:
    rows = client.get(SUMMARY).json()["categories"]
    return next(row for row in rows if row["id"] == product.category_id)


# Served from the cache ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [PRODUCTS, CATEGORIES, SUMMARY], ids=["products", "categories", "summary"]
)
def test_a_public_read_repeated_is_served_from_the_cache_without_a_query(
    url, api_client, product, django_assert_num_queries
):
    first = api_client.get(url)

    with django_assert_num_queries(0):
        second = api_client.get(url)

    assert second.json() == first.json()


def test_a_product_page_repeated_costs_no_query(api_client, product, django_assert_num_queries):
    first = api_client.get(product_page(product.slug))

    with django_assert_num_queries(0):
        second = api_client.get(product_page(product.slug))

    assert second.json() == first.json() == {**first.json(), "name": "Kettle"}


def test_signed_in_customers_share_the_public_entries(api_client, user_client, product):
    assert api_client.get(PRODUCTS)["X-Cache"] == "MISS"

    assert user_client.get(PRODUCTS)["X-Cache"] == "HIT"


def test_staff_read_the_database_and_their_inactive_products_never_reach_the_public(
    api_client, staff_client, product
):
    ProductFactory(slug="hidden", is_active=False)

    staff_response = staff_client.get(PRODUCTS)
    assert staff_response["X-Cache"] == "BYPASS"
    assert "hidden" in {row["slug"] for row in staff_response.json()["results"]}
    assert staff_client.get(product_page("hidden")).status_code == status.HTTP_200_OK

    assert "hidden" not in listed(api_client)
    assert api_client.get(product_page("hidden")).status_code == status.HTTP_404_NOT_FOUND


def test_an_unknown_slug_is_a_404_and_is_never_cached(api_client):
    assert api_client.get(product_page("not-yet")).status_code == status.HTTP_404_NOT_FOUND

    ProductFactory(slug="not-yet", name="Arrived")

    assert api_client.get(product_page("not-yet")).json()["name"] == "Arrived"


# Invalidated by writes through the API -------------------------------------------------------


def test_a_product_added_by_staff_shows_on_the_next_public_reads(
    api_client, staff_client, product, warm
):
    warm(product)

    response = staff_client.post(
        PRODUCTS,
        {
            "sku": "NEW-1",
            "slug": "teapot",
            "name": "Teapot",
            "price": "12.50",
            "stock": 3,
            "category": product.category_id,
        },
    )

    assert response.status_code == status.HTTP_201_CREATED
    assert "teapot" in listed(api_client)
    assert summary_of(api_client, product)["products"] == 2
    assert summary_of(api_client, product)["min_price"] == "12.50"


def test_a_price_change_by_staff_shows_on_every_public_read(
    api_client, staff_client, product, warm
):
    warm(product)

    response = staff_client.patch(product_page(product.slug), {"price": "99.00"})

    assert response.status_code == status.HTTP_200_OK
    assert listed(api_client)[product.slug]["price"] == "99.00"
    assert api_client.get(product_page(product.slug)).json()["price"] == "99.00"
    assert summary_of(api_client, product)["max_price"] == "99.00"


def test_a_new_slug_moves_the_page_and_the_old_one_answers_404(
    api_client, staff_client, product, warm
):
    old_slug = product.slug
    warm(product)

    assert (
        staff_client.patch(product_page(old_slug), {"slug": "kettle-2"}).status_code
        == status.HTTP_200_OK
    )

    assert api_client.get(product_page(old_slug)).status_code == status.HTTP_404_NOT_FOUND
    assert api_client.get(product_page("kettle-2")).json()["name"] == "Kettle"


def test_an_order_and_its_cancellation_show_in_the_stock_of_every_read(
    api_client, user, product, warm
):
    customer = APIClient()
    customer.force_authenticate(user)
    address = AddressFactory(customer=user)
    warm(product)

    placed = customer.post(
        reverse("shop:order-list"),
        {"address": address.pk, "items": [{"product": product.pk, "quantity": 2}]},
        format="json",
    )
    assert placed.status_code == status.HTTP_201_CREATED
    assert listed(api_client)[product.slug]["stock"] == 3
    assert api_client.get(product_page(product.slug)).json()["stock"] == 3
    assert summary_of(api_client, product)["units"] == 3

    cancelled = customer.post(
        reverse("shop:order-transition", args=[placed.json()["id"]]), {"status": "cancelled"}
    )
    assert cancelled.status_code == status.HTTP_200_OK
    assert api_client.get(product_page(product.slug)).json()["stock"] == 5
    assert summary_of(api_client, product)["units"] == 5


def test_selling_out_takes_the_product_out_of_the_in_stock_count(api_client, user, product, warm):
    customer = APIClient()
    customer.force_authenticate(user)
    warm(product)

    customer.post(
        reverse("shop:order-list"),
        {
            "address": AddressFactory(customer=user).pk,
            "items": [{"product": product.pk, "quantity": 5}],
        },
        format="json",
    )

    assert summary_of(api_client, product)["in_stock"] == 0


# Invalidated by direct model writes ---------------------------------------------------------


def test_a_product_saved_in_code_shows_on_the_next_reads(api_client, product, warm):
    warm(product)

    product.name = "Renamed in code"
    product.save()

    assert listed(api_client)[product.slug]["name"] == "Renamed in code"
    assert api_client.get(product_page(product.slug)).json()["name"] == "Renamed in code"


def test_a_category_renamed_in_code_shows_in_its_products(api_client, product, warm):
    warm(product)

    category = product.category
    category.name = "Kitchen"
    category.save()

    assert listed(api_client)[product.slug]["category"]["name"] == "Kitchen"
    assert api_client.get(product_page(product.slug)).json()["category"]["name"] == "Kitchen"
    assert summary_of(api_client, product)["name"] == "Kitchen"
    assert "Kitchen" in {row["name"] for row in api_client.get(CATEGORIES).json()["results"]}


def test_a_product_deleted_in_code_is_gone_from_the_next_reads(api_client, product, warm):
    slug = product.slug
    warm(product)

    product.delete()

    assert slug not in listed(api_client)
    assert api_client.get(product_page(slug)).status_code == status.HTTP_404_NOT_FOUND
    assert api_client.get(SUMMARY).json()["products"] == 0


def test_a_category_created_in_code_shows_in_the_category_list(api_client, product, warm):
    warm(product)

    CategoryFactory(name="Garden")

    assert "Garden" in {row["name"] for row in api_client.get(CATEGORIES).json()["results"]}


# Invalidated by the admin -------------------------------------------------------------------


def test_a_change_in_the_admin_shows_on_the_next_reads(api_client, staff_user, product, warm):
    warm(product)
    admin_site = Client()
    admin_site.force_login(staff_user)

    response = admin_site.post(
        reverse("admin:shop_product_change", args=[product.pk]),
        {
            "category": product.category_id,
            "sku": product.sku,
            "slug": product.slug,
            "name": "Changed in admin",
            "description": "",
            "price": "31.00",
            "stock": 5,
            "is_active": "on",
        },
    )

    assert response.status_code == status.HTTP_302_FOUND, response.content
    assert api_client.get(product_page(product.slug)).json()["name"] == "Changed in admin"
    assert listed(api_client)[product.slug]["price"] == "31.00"
