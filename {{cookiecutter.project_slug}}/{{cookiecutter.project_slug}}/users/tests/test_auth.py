"""authenticated_user: the signed-in User, or 401 for an anonymous request."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from ..auth import authenticated_user
from .factories import UserFactory


def _request(user):
    request = Request(APIRequestFactory().get("/"))
    request.user = user
    return request


def test_a_signed_in_request_gives_its_user():
    user = UserFactory.build()

    assert authenticated_user(_request(user)) is user


def test_an_anonymous_request_is_refused_as_not_authenticated():
    with pytest.raises(NotAuthenticated):
        authenticated_user(_request(AnonymousUser()))
