"""The welcome email through a real broker and a real worker (skipped without CELERY_BROKER_URL)."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework import status

from .factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.usefixtures("celery_worker")


def test_a_real_worker_sends_the_welcome_email_after_registration_commits(api_client):
    response = api_client.post(
        reverse("auth:register"),
        {"email": "sam@example.com", "password": DEFAULT_PASSWORD, "name": "Sam"},
    )
    assert response.status_code == status.HTTP_201_CREATED

    deadline = time.monotonic() + 30
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)

    assert [message.to for message in mail.outbox] == [["sam@example.com"]]
