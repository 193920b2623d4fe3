"""Accounts through GraphQL: the same selectors, services, validation and permissions as REST."""

import pytest

from {{ cookiecutter.project_slug }}.core.tests.graphql_client import error_codes, execute
from {{ cookiecutter.project_slug }}.users.models import User

from .factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

USERS = """
query Users($filter: UserFilterInput, $offset: Int! = 0, $limit: Int) {
  users(filter: $filter, offset: $offset, limit: $limit) {
    totalCount offset limit results { id email isStaff }
  }
}
"""
REGISTER = """
mutation Register($input: RegisterInput!) {
  register(input: $input) { user { id email name } errors { field code messages } }
}
"""
UPDATE_ME = """
mutation UpdateMe($input: UpdateMeInput!) {
  updateMe(input: $input) { user { name } errors { field messages } }
}
"""


def test_me_is_the_signed_in_user_with_their_own_email(user_client, user):
    body = execute(user_client, "{ me { id email name isStaff } }")

    assert body["data"]["me"] == {
        "id": str(user.pk),
        "email": user.email,
        "name": user.name,
        "isStaff": False,
    }


def test_the_user_list_is_refused_to_anonymous_callers_and_to_non_staff(api_client, user_client):
    anonymous = execute(api_client, USERS)
    customer = execute(user_client, USERS)

    assert error_codes(anonymous) == ["not_authenticated"]
    assert error_codes(customer) == ["permission_denied"]
    assert customer["data"] is None


def test_staff_page_through_every_account_with_emails(staff_client, staff_user):
    UserFactory.create_batch(4)

    first = execute(staff_client, USERS, {"limit": 2})["data"]["users"]
    last = execute(staff_client, USERS, {"offset": 4, "limit": 2})["data"]["users"]

    assert (first["totalCount"], first["offset"], first["limit"]) == (5, 0, 2)
    assert [row["id"] for row in first["results"]] == [str(staff_user.pk), str(staff_user.pk + 1)]
    assert all(row["email"] for row in first["results"])
    assert len(last["results"]) == 1


def test_a_limit_above_the_rest_maximum_is_lowered_to_it(staff_client):
    page = execute(staff_client, USERS, {"limit": 1000})["data"]["users"]

    assert page["limit"] == 100


def test_a_negative_offset_or_an_empty_page_is_refused(staff_client):
    negative = execute(staff_client, USERS, {"offset": -1})
    empty = execute(staff_client, USERS, {"limit": 0})

    assert error_codes(negative) == ["invalid"]
    assert error_codes(empty) == ["invalid"]


def test_the_user_list_filters_like_the_rest_endpoint(staff_client, staff_user):
    UserFactory.create_batch(3)

    page = execute(staff_client, USERS, {"filter": {"isStaff": True}})["data"]["users"]

    assert page["totalCount"] == 1
    assert page["results"][0]["id"] == str(staff_user.pk)


def test_register_creates_an_account_through_the_service(api_client):
    data = {"email": "New@Example.com", "password": DEFAULT_PASSWORD, "name": "Nia"}

    payload = execute(api_client, REGISTER, {"input": data})["data"]["register"]

    assert payload["errors"] == []
    assert payload["user"]["name"] == "Nia"
    assert User.objects.get(email="new@example.com").check_password(data["password"])


def test_register_answers_field_errors_in_one_shape(api_client, user):
    data = {"email": "not-an-email", "password": "123"}
    taken = {"email": user.email.upper(), "password": "a-long-enough-passphrase"}

    invalid = execute(api_client, REGISTER, {"input": data})["data"]["register"]
    duplicate = execute(api_client, REGISTER, {"input": taken})["data"]["register"]
    weak = execute(api_client, REGISTER, {"input": {"email": "w@example.com", "password": "123"}})

    assert invalid["user"] is None
    assert [error["field"] for error in invalid["errors"]] == ["email"]
    assert duplicate["errors"][0]["field"] == "email"
    assert duplicate["errors"][0]["code"] == "invalid"
    assert weak["data"]["register"]["errors"][0]["field"] == "password"
    assert User.objects.count() == 1


def test_update_me_changes_the_callers_name_and_validates_it(user_client, user):
    changed = execute(user_client, UPDATE_ME, {"input": {"name": "Grace"}})["data"]["updateMe"]
    too_long = execute(user_client, UPDATE_ME, {"input": {"name": "x" * 151}})["data"]["updateMe"]

    assert changed == {"user": {"name": "Grace"}, "errors": []}
    assert too_long["user"] is None
    assert too_long["errors"][0]["field"] == "name"
    user.refresh_from_db()
    assert user.name == "Grace"


def test_update_me_is_refused_to_anonymous_callers(api_client):
    body = execute(api_client, UPDATE_ME, {"input": {"name": "Nobody"}})

    assert error_codes(body) == ["not_authenticated"]


@pytest.mark.parametrize("rows", [5, 50])
def test_the_user_list_costs_two_queries_whatever_its_length(
    staff_client, django_assert_num_queries, rows
):
    UserFactory.create_batch(rows - 1)

    with django_assert_num_queries(2):  # count, page
        page = execute(staff_client, USERS, {"limit": 100})["data"]["users"]

    assert len(page["results"]) == rows
