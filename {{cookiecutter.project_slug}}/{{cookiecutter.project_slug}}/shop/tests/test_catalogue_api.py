"""/api/v1/shop/categories/ and /products/: public to read, staff to change, CSV on request."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.filters import LARGEST_NUMBER

from ..models import Product
from .factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db
CATEGORIES = reverse("shop:category-list")
PRODUCTS = reverse("shop:product-list")


def _product_url(product: Product) -> str:
    return reverse("shop:product-detail", args=[product.slug])


def test_anyone_can_list_categories_with_their_parent(api_client):
    books = CategoryFactory(name="Books")
    CategoryFactory(name="Fiction", parent=books)

    body = api_client.get(CATEGORIES).json()

    assert [(row["name"], row["parent"]) for row in body["results"]] == [
        ("Books", None),
        ("Fiction", books.pk),
    ]


def test_categories_filter_by_parent_and_top_level(api_client):
    books = CategoryFactory()
    fiction = CategoryFactory(parent=books)

    children = api_client.get(CATEGORIES, {"parent": books.pk}).json()["results"]
    roots = api_client.get(CATEGORIES, {"root": "true"}).json()["results"]

    assert [row["id"] for row in children] == [fiction.pk]
    assert [row["id"] for row in roots] == [books.pk]


@pytest.mark.parametrize("parent", ["99999999999999999999999", "1.5"])
def test_a_parent_id_no_category_can_have_gets_a_400_naming_the_filter(api_client, parent):
    response = api_client.get(CATEGORIES, {"parent": parent})

    assert response.status_code == 400
    assert "parent" in response.json()["error"]["fields"]


def test_a_category_is_found_by_slug(api_client):
    category = CategoryFactory(slug="garden")

    response = api_client.get(reverse("shop:category-detail", args=["garden"]))

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["id"] == category.pk


def test_the_public_sees_only_active_products(api_client):
    active = ProductFactory(name="Mug")
    ProductFactory(is_active=False)

    body = api_client.get(PRODUCTS).json()

    assert [row["id"] for row in body["results"]] == [active.pk]
    assert body["results"][0]["category"] == {
        "id": active.category.pk,
        "name": active.category.name,
        "slug": active.category.slug,
    }
    assert body["results"][0]["price"] == str(active.price)


def test_staff_also_see_inactive_products_and_can_filter_on_them(staff_client):
    ProductFactory()
    hidden = ProductFactory(is_active=False)

    body = staff_client.get(PRODUCTS, {"is_active": "false"}).json()

    assert [row["id"] for row in body["results"]] == [hidden.pk]


def test_products_filter_by_category_price_and_stock(api_client):
    kitchen = CategoryFactory(slug="kitchen")
    cheap = ProductFactory(category=kitchen, price=Decimal("5.00"))
    ProductFactory(category=kitchen, price=Decimal("50.00"))
    ProductFactory(price=Decimal("5.00"))
    sold_out = ProductFactory(category=kitchen, price=Decimal("6.00"), stock=0)

    def ids(**query):
        return {row["id"] for row in api_client.get(PRODUCTS, query).json()["results"]}

    assert ids(category="kitchen", max_price="10") == {cheap.pk, sold_out.pk}
    assert ids(category="kitchen", max_price="10", in_stock="true") == {cheap.pk}
    assert ids(category="kitchen", in_stock="false") == {sold_out.pk}
    assert len(ids(min_price="40")) == 1


def test_the_price_filters_declare_the_bound_they_enforce(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"][PRODUCTS]["get"]
    bounds = {p["name"]: p["schema"].get("maximum") for p in operation["parameters"]}

    response = api_client.get(PRODUCTS, {"min_price": "1e51"})

    assert bounds["min_price"] == bounds["max_price"] == LARGEST_NUMBER
    assert response.status_code == 400
    assert "min_price" in response.json()["error"]["fields"]


def test_products_search_names_and_skus_and_order_by_price(api_client):
    ProductFactory(name="Blue mug", price=Decimal("9.00"))
    ProductFactory(name="Red mug", price=Decimal("3.00"))
    ProductFactory(name="Pen", sku="MUG-PEN", price=Decimal("1.00"))
    ProductFactory(name="Lamp")

    body = api_client.get(PRODUCTS, {"search": "mug", "ordering": "-price"}).json()

    assert [row["name"] for row in body["results"]] == ["Blue mug", "Red mug", "Pen"]


def test_an_inactive_product_is_not_found_by_the_public(api_client, staff_client):
    hidden = ProductFactory(is_active=False)

    assert api_client.get(_product_url(hidden)).status_code == status.HTTP_404_NOT_FOUND
    assert staff_client.get(_product_url(hidden)).status_code == status.HTTP_200_OK


def test_staff_add_a_product(staff_client):
    category = CategoryFactory()
    payload = {
        "sku": "MUG-1",
        "slug": "mug",
        "name": "Mug",
        "price": "4.50",
        "stock": 3,
        "category": category.pk,
    }

    response = staff_client.post(PRODUCTS, payload)

    assert response.status_code == status.HTTP_201_CREATED
    assert response.json()["category"]["id"] == category.pk
    assert Product.objects.get(sku="MUG-1").price == Decimal("4.50")


def test_a_duplicate_sku_or_negative_price_is_a_400_naming_the_field(staff_client):
    existing = ProductFactory(sku="MUG-1")
    payload = {
        "sku": "MUG-1",
        "slug": "x",
        "name": "X",
        "price": "-1",
        "category": existing.category.pk,
    }

    response = staff_client.post(PRODUCTS, payload)

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert set(response.json()["error"]["fields"]) == {"sku", "price"}


def test_staff_change_a_product(staff_client):
    product = ProductFactory(stock=1)

    response = staff_client.patch(_product_url(product), {"stock": 40, "is_active": False})

    assert response.status_code == status.HTTP_200_OK
    product.refresh_from_db()
    assert (product.stock, product.is_active) == (40, False)


# Whole numbers, a bare point either side, a sign, leading zeros, the largest price; then what
# drf-spectacular's own pattern let through ("", "-", "."), too many digits either side, too long.
PRICES = ["0", "7", "7.", ".5", "+7.25", "0007.25", "99999999.99", "", "-", ".", "+", "-1"]
PRICES += ["7.125", "123456789", "0" * 990 + "1.5", "0" * 1000 + "1"]


def test_the_api_takes_exactly_the_prices_the_schema_allows(api_client, staff_client):
    """A client that trusts the schema never sends a price the API refuses, and a price the
    schema refuses is a 400 naming the field."""
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    price = schema["components"]["schemas"]["PatchedProductInputRequest"]["properties"]["price"]
    product = ProductFactory()
    outcomes = {}

    for text in PRICES:
        allowed = bool(re.search(price["pattern"], text)) and len(text) <= price["maxLength"]
        response = staff_client.patch(_product_url(product), {"price": text})
        if response.status_code == status.HTTP_400_BAD_REQUEST:
            assert set(response.json()["error"]["fields"]) == {"price"}
        outcomes[text[-12:]] = (allowed, response.status_code)

    assert all(
        code == (status.HTTP_200_OK if allowed else status.HTTP_400_BAD_REQUEST)
        for allowed, code in outcomes.values()
    ), outcomes


@pytest.mark.parametrize("client_name", ["api_client", "user_client"])
def test_only_staff_change_the_catalogue(request, client_name):
    client = request.getfixturevalue(client_name)
    product = ProductFactory()

    created = client.post(PRODUCTS, {"sku": "X"})
    changed = client.patch(_product_url(product), {"stock": 0})

    expected = {status.HTTP_401_UNAUTHORIZED, status.HTTP_403_FORBIDDEN}
    assert created.status_code in expected
    assert changed.status_code in expected
    product.refresh_from_db()
    assert product.stock == 10


@pytest.mark.parametrize("url", [CATEGORIES, PRODUCTS])
def test_catalogue_lists_export_as_csv(api_client, url):
    ProductFactory(name="Mug")

    response = api_client.get(url, {"format": "csv"})

    assert response.status_code == status.HTTP_200_OK
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert "name" in rows[0]


@pytest.mark.parametrize("rows", [5, 50])
def test_catalogue_lists_cost_two_queries_whatever_the_row_count(
    api_client, django_assert_num_queries, rows
):
    ProductFactory.create_batch(rows)  # one category per product: both lists grow

    for url in (CATEGORIES, PRODUCTS):
        with django_assert_num_queries(2):  # count + page (categories joined, not fetched per row)
            response = api_client.get(url, {"page_size": 100})
        assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_catalogue_details_cost_one_query(api_client, django_assert_num_queries, rows):
    products = ProductFactory.create_batch(rows)
    product = products[-1]

    with django_assert_num_queries(1):
        api_client.get(_product_url(product))
    with django_assert_num_queries(1):
        api_client.get(reverse("shop:category-detail", args=[product.category.slug]))
