"""Anonymous and per-user request rates."""

import pytest
from django.urls import reverse
from rest_framework import status

pytestmark = pytest.mark.django_db


def test_anonymous_callers_past_the_rate_get_429_with_retry_after(api_client, low_rates):
    url = reverse("auth:register")
    codes = [api_client.post(url, {}).status_code for _ in range(3)]

    assert codes == [400, 400, status.HTTP_429_TOO_MANY_REQUESTS]
    response = api_client.post(url, {})
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_signed_in_users_have_their_own_rate(user_client, low_rates):
    url = reverse("users:me")
    codes = [user_client.get(url).status_code for _ in range(4)]

    assert codes == [200, 200, 200, status.HTTP_429_TOO_MANY_REQUESTS]
