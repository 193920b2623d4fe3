"""Every error, inside DRF or not, answers with the same JSON body."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory

from .. import views
from ..exceptions import ApplicationError, api_exception_handler


def test_an_unknown_url_gets_a_json_404(client):
    response = client.get("/no/such/page/")

    assert response.status_code == status.HTTP_404_NOT_FOUND
    assert response.json()["error"] == {
        "status": 404,
        "code": "not_found",
        "message": "No such resource.",
        "fields": {},
    }


@pytest.mark.urls("{{ cookiecutter.project_slug }}.core.tests.error_urls")
def test_a_crash_gets_a_json_500_without_internals():
    response = Client(raise_request_exception=False).get("/crash/")

    assert response.status_code == status.HTTP_500_INTERNAL_SERVER_ERROR
    assert response.json()["error"]["code"] == "server_error"
    assert "boom" not in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "expected_status"),
    [(views.bad_request, 400), (views.permission_denied, 403)],
)
def test_the_django_level_handlers_answer_json(handler, expected_status):
    response = handler(APIRequestFactory().get("/"), Exception())

    assert response.status_code == expected_status


def test_an_application_error_keeps_its_status_code_and_fields():
    error = ApplicationError(
        "Not enough stock.", code="out_of_stock", status_code=409, fields={"q": 1}
    )

    response = api_exception_handler(error, {})

    assert response is not None
    assert response.status_code == status.HTTP_409_CONFLICT
    assert response.data["error"] == {
        "status": 409,
        "code": "out_of_stock",
        "message": "Not enough stock.",
        "fields": {"q": 1},
    }


def test_a_django_validation_error_from_a_service_becomes_a_400_with_fields():
    response = api_exception_handler(DjangoValidationError({"email": ["Taken."]}), {})

    assert response is not None
    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert response.data["error"]["fields"] == {"email": ["Taken."]}


def test_a_validation_error_without_fields_is_reported_as_non_field_errors():
    response = api_exception_handler(exceptions.ValidationError(["Broken."]), {})

    assert response is not None
    assert response.data["error"]["fields"] == {"non_field_errors": ["Broken."]}


def test_an_unexpected_exception_is_left_to_the_500_handler():
    assert api_exception_handler(RuntimeError("boom"), {}) is None


@pytest.mark.django_db
def test_a_method_the_endpoint_lacks_gets_a_405_body(user_client):
    response = user_client.delete("/api/v1/users/me/")

    assert response.status_code == status.HTTP_405_METHOD_NOT_ALLOWED
    assert response.json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    ("django_error", "expected_status", "expected_code"),
    [
        (Http404("No Post matches."), 404, "not_found"),
        (PermissionDenied(), 403, "permission_denied"),
    ],
)
def test_django_404_and_403_raised_in_a_view_keep_drf_codes(
    django_error, expected_status, expected_code
):
    response = api_exception_handler(django_error, {})

    assert response is not None
    assert response.status_code == expected_status
    assert response.data["error"]["code"] == expected_code


class NoBodyView(generics.GenericAPIView):
    """Like sign-out or token rotation: a POST that takes no body."""

    serializer_class = None
    permission_classes = ()

    def post(self, request):
        return Response(status=status.HTTP_204_NO_CONTENT)


def test_options_on_an_action_without_a_body_answers_instead_of_failing():
    response = NoBodyView.as_view()(APIRequestFactory().options("/"))

    assert response.status_code == status.HTTP_200_OK
    assert "POST" in response["Allow"]
    assert "actions" not in response.data


@pytest.mark.django_db
def test_options_on_an_action_with_a_body_still_describes_it(api_client):
    response = api_client.options(reverse("auth:register"))

    assert response.status_code == status.HTTP_200_OK
    assert "email" in response.json()["actions"]["POST"]
