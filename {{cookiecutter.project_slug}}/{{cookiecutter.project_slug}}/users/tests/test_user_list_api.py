"""GET /api/v1/users/: staff only, paginated, filterable, exportable as CSV."""

import csv
import io

import pytest
from django.urls import reverse
from rest_framework import status

from .factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("users:list")


def test_a_user_who_is_not_staff_is_forbidden(user_client):
    response = user_client.get(URL)

    assert response.status_code == status.HTTP_403_FORBIDDEN
    assert response.json()["error"]["code"] == "permission_denied"


def test_staff_get_a_page_with_the_total_count(staff_client):
    UserFactory.create_batch(3)

    body = staff_client.get(URL).json()

    assert body["count"] == 4  # three users and the staff member
    assert len(body["results"]) == 4
    columns = {"id", "email", "name", "is_active", "is_staff", "date_joined"}
    assert set(body["results"][0]) == columns


def test_the_page_size_is_capped_at_100(staff_client):
    UserFactory.create_batch(105)

    body = staff_client.get(URL, {"page_size": 1000}).json()

    assert body["count"] == 106
    assert len(body["results"]) == 100


def test_a_page_past_the_end_is_a_404_with_the_error_body(staff_client):
    response = staff_client.get(URL, {"page": 99})

    assert response.status_code == status.HTTP_404_NOT_FOUND
    assert response.json()["error"]["code"] == "not_found"


def test_the_list_filters_by_activity(staff_client):
    inactive = UserFactory(is_active=False)

    body = staff_client.get(URL, {"is_active": "false"}).json()

    assert [row["id"] for row in body["results"]] == [inactive.id]


def test_the_list_searches_emails_and_orders_on_request(staff_client):
    UserFactory(email="zed@example.com")
    UserFactory(email="amy@example.com")

    body = staff_client.get(URL, {"search": "example.com", "ordering": "-email"}).json()

    emails = [row["email"] for row in body["results"]]
    assert emails == sorted(emails, reverse=True)
    assert "zed@example.com" in emails


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_whatever_the_row_count(
    staff_client, django_assert_num_queries, rows
):
    UserFactory.create_batch(rows)

    with django_assert_num_queries(2):  # count + page
        response = staff_client.get(URL)

    assert response.status_code == status.HTTP_200_OK


def test_the_list_exports_as_csv_when_asked_for_text_csv(staff_client, staff_user):
    UserFactory(email="csv@example.com", name="=HYPERLINK(1)")

    response = staff_client.get(URL, HTTP_ACCEPT="text/csv")

    assert response.status_code == status.HTTP_200_OK
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["email"] for row in rows} == {"csv@example.com", staff_user.email}
    exported = next(row for row in rows if row["email"] == "csv@example.com")
    assert exported["name"] == "'=HYPERLINK(1)"  # a formula stays text in a spreadsheet


def test_a_refused_csv_export_still_answers_with_the_json_error_body(user_client):
    response = user_client.get(URL, {"format": "csv"})

    assert response.status_code == status.HTTP_403_FORBIDDEN
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "permission_denied"
