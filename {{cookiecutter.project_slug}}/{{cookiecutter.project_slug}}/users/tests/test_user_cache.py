"""The cached user reads: served from the cache when warm, fresh on the next read after any write.

Three layers: the list (view cache), one account (object cache), the statistics (get_or_set).
{%- if cookiecutter.cache == "redis" %}
Each write path is covered: the API, a direct model save or delete, and the admin. Run with
REDIS_URL set and these run against Redis; without it, against local memory.
{%- else %}
Each write path is covered: the API, a direct model save or delete, and the admin.
{%- endif %}
"""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework import status
from rest_framework.test import APIClient

from ..models import User
from .factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("users:list")
STATISTICS = reverse("users:statistics")


def detail(pk: int) -> str:
    return reverse("users:detail", kwargs={"pk": pk})


@pytest.fixture
def warm(staff_client):
    """Read every cached layer once, for ``account``, so the next reads are hits."""

    def read(account: User) -> None:
        for url in (LIST, STATISTICS, detail(account.pk)):
            assert staff_client.get(url).status_code == status.HTTP_200_OK

    return read


def names_in_list(client: APIClient) -> set[str]:
    return {row["name"] for row in client.get(LIST).json()["results"]}


# Served from the cache ---------------------------------------------------------------------


def test_a_list_page_read_twice_is_served_from_the_cache_without_a_query(
    staff_client, django_assert_num_queries
):
    UserFactory.create_batch(3)
    first = staff_client.get(LIST)

    with django_assert_num_queries(0):
        second = staff_client.get(LIST)

    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.json() == first.json()


def test_an_account_and_the_statistics_read_twice_cost_no_query(
    staff_client, staff_user, django_assert_num_queries
):
    for url in (detail(staff_user.pk), STATISTICS):
        first = staff_client.get(url)
        with django_assert_num_queries(0):
            second = staff_client.get(url)
        assert second.json() == first.json()


def test_the_list_cache_varies_on_the_query_string(staff_client):
    staff_client.get(LIST)

    response = staff_client.get(LIST, {"ordering": "-id"})

    assert response["X-Cache"] == "MISS"


def test_the_list_cache_varies_on_the_caller(staff_client):
    staff_client.get(LIST)
    other_staff = APIClient()
    other_staff.force_authenticate(UserFactory(is_staff=True))

    response = other_staff.get(LIST)

    assert response["X-Cache"] == "MISS"


def test_the_list_cache_varies_on_the_language(staff_client):
    staff_client.get(LIST)

    with translation.override("fr"):
        response = staff_client.get(LIST)

    assert response["X-Cache"] == "MISS"


def test_json_and_csv_are_rendered_from_the_same_cached_page(
    staff_client, staff_user, django_assert_num_queries
):
    staff_client.get(LIST, {"page_size": 10})

    with django_assert_num_queries(0):
        response = staff_client.get(LIST, {"page_size": 10}, HTTP_ACCEPT="text/csv")

    assert response["Content-Type"].startswith("text/csv")
    assert staff_user.email in response.content.decode()


def test_a_warm_json_read_sends_the_bytes_its_miss_rendered(
    staff_client, django_assert_num_queries
):
    cold = staff_client.get(LIST, HTTP_ACCEPT="application/json")

    with django_assert_num_queries(0):
        warm = staff_client.get(LIST, HTTP_ACCEPT="application/json")
    indented = staff_client.get(LIST, HTTP_ACCEPT="application/json; indent=2")

    assert (cold["X-Cache"], warm["X-Cache"]) == ("MISS", "HIT")
    assert warm.content == cold.content
    assert warm["Content-Type"] == cold["Content-Type"] == "application/json"
    assert indented.content != cold.content
    assert json.loads(indented.content) == json.loads(cold.content)


def test_a_refused_caller_never_gets_a_cached_page(staff_client, user_client):
    staff_client.get(LIST)

    assert user_client.get(LIST).status_code == status.HTTP_403_FORBIDDEN


# Invalidated by writes through the API -------------------------------------------------------


def test_a_registration_through_the_api_shows_on_the_next_reads(staff_client, staff_user, warm):
    warm(staff_user)

    response = APIClient().post(
        reverse("auth:register"),
        {"email": "new@example.com", "password": DEFAULT_PASSWORD, "name": "Newcomer"},
    )

    assert response.status_code == status.HTTP_201_CREATED
    assert "Newcomer" in names_in_list(staff_client)
    assert staff_client.get(STATISTICS).json()["total"] == 2


def test_a_rename_through_the_api_shows_on_the_next_reads(staff_client, warm):
    account = UserFactory(name="Before")
    warm(account)
    client = APIClient()
    client.force_authenticate(account)

    assert client.patch(reverse("users:me"), {"name": "After"}).status_code == status.HTTP_200_OK

    assert "After" in names_in_list(staff_client)
    assert "Before" not in names_in_list(staff_client)
    assert staff_client.get(detail(account.pk)).json()["name"] == "After"


# Invalidated by direct model writes ---------------------------------------------------------


def test_a_row_created_in_code_shows_on_the_next_reads(staff_client, staff_user, warm):
    warm(staff_user)

    UserFactory(name="Created in code")

    assert "Created in code" in names_in_list(staff_client)
    assert staff_client.get(STATISTICS).json()["total"] == 2


def test_a_row_saved_in_code_shows_on_the_next_reads(staff_client, warm):
    account = UserFactory(name="Before", is_active=True)
    warm(account)

    account.name = "After"
    account.is_active = False
    account.save()

    assert staff_client.get(detail(account.pk)).json()["name"] == "After"
    assert "After" in names_in_list(staff_client)
    assert staff_client.get(STATISTICS).json()["active"] == 1  # only the staff member


def test_a_row_deleted_in_code_is_gone_from_the_next_reads(staff_client, warm):
    account = UserFactory(name="Leaving")
    pk = account.pk
    warm(account)

    account.delete()

    assert "Leaving" not in names_in_list(staff_client)
    assert staff_client.get(detail(pk)).status_code == status.HTTP_404_NOT_FOUND
    assert staff_client.get(STATISTICS).json()["total"] == 1


# Invalidated by the admin -------------------------------------------------------------------


@pytest.fixture
def admin_site(staff_user) -> Client:
    client = Client()
    client.force_login(staff_user)
    return client


def test_a_change_in_the_admin_shows_on_the_next_reads(staff_client, admin_site, warm):
    account = UserFactory(name="Before")
    warm(account)

    response = admin_site.post(
        reverse("admin:users_user_change", args=[account.pk]),
        {"email": account.email, "name": "Changed in admin", "is_active": "on"},
    )

    assert response.status_code == status.HTTP_302_FOUND
    assert staff_client.get(detail(account.pk)).json()["name"] == "Changed in admin"
    assert "Changed in admin" in names_in_list(staff_client)


def test_a_delete_in_the_admin_is_gone_from_the_next_reads(staff_client, admin_site, warm):
    account = UserFactory(name="Deleted in admin")
    warm(account)

    response = admin_site.post(
        reverse("admin:users_user_delete", args=[account.pk]), {"post": "yes"}
    )

    assert response.status_code == status.HTTP_302_FOUND
    assert "Deleted in admin" not in names_in_list(staff_client)
    assert staff_client.get(detail(account.pk)).status_code == status.HTTP_404_NOT_FOUND


# Signing in ---------------------------------------------------------------------------------


def test_a_sign_in_keeps_the_cached_reads_warm(staff_client, staff_user, warm):
    # Signing in writes last_login, which no cached read shows: it must not empty the cache.
    warm(staff_user)

    Client().login(email=staff_user.email, password=DEFAULT_PASSWORD)

    assert staff_client.get(LIST)["X-Cache"] == "HIT"
