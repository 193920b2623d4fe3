"""Bad input gets a 4xx with the JSON error body, or is ignored; never a 500."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework import status

from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REGISTER = reverse("auth:register")
USERS = reverse("users:list")


@pytest.fixture
def raw_client() -> Client:
    """A client that reports a crash as the 500 a caller would see, instead of raising it."""
    return Client(raise_request_exception=False)


def test_a_body_over_the_upload_limit_gets_a_413_before_it_is_parsed(raw_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"email": "a@example.com", "password": "x" * 2048})

    response = raw_client.post(REGISTER, body, content_type="application/json")

    assert response.status_code == status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    assert response.json()["error"]["code"] == "request_too_large"


def test_a_form_body_over_the_upload_limit_is_refused_with_the_error_body(raw_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = raw_client.post(REGISTER, {"email": "a@example.com", "password": "x" * 2048})

    assert response.status_code == status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    assert response.json()["error"]["code"] == "request_too_large"


@pytest.mark.parametrize("body", ["{not json", '{"email": ', "\x00\x01", "[1, 2"])
def test_malformed_json_gets_a_400_parse_error(raw_client, body):
    response = raw_client.post(REGISTER, body, content_type="application/json")

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert response.json()["error"]["code"] == "parse_error"


@pytest.mark.parametrize("body", ["[1, 2]", '"a string"', "42", "null"])
def test_json_that_is_not_an_object_gets_a_400_with_fields(raw_client, body):
    response = raw_client.post(REGISTER, body, content_type="application/json")

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert response.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "image/png"])
def test_a_content_type_the_api_does_not_read_gets_a_415(raw_client, content_type):
    response = raw_client.post(REGISTER, "email=a@example.com", content_type=content_type)

    assert response.status_code == status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    assert response.json()["error"]["code"] == "unsupported_media_type"


@pytest.mark.parametrize("page_size", ["1000000", "99999999999999999999999"])
def test_a_page_size_over_the_cap_is_served_at_the_cap(staff_client, page_size):
    UserFactory.create_batch(3)

    response = staff_client.get(USERS, {"page_size": page_size})

    assert response.status_code == status.HTTP_200_OK
    assert 1 <= len(response.json()["results"]) <= 100


@pytest.mark.parametrize("parameter", ["page", "page_size"])
@pytest.mark.parametrize("value", ["null", "abc", "0", "-5", "1.5", "", "٣"])
def test_a_page_or_page_size_that_is_not_a_positive_integer_gets_a_400(
    staff_client, parameter, value
):
    response = staff_client.get(USERS, {parameter: value})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert parameter in response.json()["error"]["fields"]


def test_a_page_past_the_last_gets_a_404_with_the_error_body(staff_client):
    response = staff_client.get(USERS, {"page": "99999999999999999999999"})

    assert response.status_code == status.HTTP_404_NOT_FOUND
    assert response.json()["error"]["code"] == "not_found"


def test_unknown_query_parameters_are_ignored(staff_client):
    response = staff_client.get(USERS, {"colour": "blue", "limit": "5", "debug": "1"})

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("ordering", "password"), ("ordering", "-nonexistent,,"), ("search", "  ")],
)
def test_odd_ordering_and_search_values_are_ignored(staff_client, parameter, value):
    response = staff_client.get(USERS, {parameter: value})

    assert response.status_code == status.HTTP_200_OK


def test_a_nul_character_in_a_search_gets_a_400_not_a_database_error(staff_client):
    response = staff_client.get(USERS, {"search": "\x00nul"})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert response.json()["error"]["code"] == "invalid"


def test_a_filter_value_that_is_not_a_boolean_is_ignored(staff_client):
    UserFactory(is_active=False)

    response = staff_client.get(USERS, {"is_active": "perhaps"})

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["count"] == 2


def test_a_nul_character_in_a_field_is_refused_not_stored(raw_client):
    body = json.dumps({"email": "a@example.com", "password": "pass\x00word-long", "name": "\x00"})

    response = raw_client.post(REGISTER, body, content_type="application/json")

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert response.json()["error"]["code"] == "invalid"
