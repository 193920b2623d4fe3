"""Account tasks, run eagerly: the welcome email and when it is queued."""

from smtplib import SMTPServerDisconnected

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction

from config.celery import app as celery_app

from ..services import user_register
from ..tasks import send_welcome_email
from .factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


class FlakyEmailBackend(EmailBackend):
    """The mail server, outside this machine: it drops the first two connections, then delivers."""

    failures_left = 0

    def send_messages(self, messages):
        if FlakyEmailBackend.failures_left:
            FlakyEmailBackend.failures_left -= 1
            raise SMTPServerDisconnected("connection closed by the server")
        return super().send_messages(messages)


def test_registering_sends_one_welcome_email_once_the_account_is_committed(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        user_register(email="Ada@Example.com", password=DEFAULT_PASSWORD, name="Ada")
        assert not mail.outbox, "the email left before the transaction committed"

    assert callbacks  # the email was queued on commit (cache invalidation may queue others)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.com"]
    assert "Hello Ada," in mail.outbox[0].body


def register_then_fail() -> None:
    with transaction.atomic():
        user_register(email="gone@example.com", password=DEFAULT_PASSWORD)
        raise RuntimeError("the surrounding request failed")


def test_a_registration_rolled_back_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        register_then_fail()

    assert not callbacks
    assert not mail.outbox


def test_the_welcome_email_greets_an_account_without_a_name_plainly():
    user = UserFactory(name="")

    assert send_welcome_email.delay(user.pk).get() is True

    assert mail.outbox[0].body.startswith("Hello,\n")


@pytest.mark.parametrize("account", ["deleted", "inactive"])
def test_no_welcome_email_goes_to_an_account_deleted_or_deactivated_meanwhile(account):
    user = UserFactory(is_active=account != "inactive")
    user_id = user.pk
    if account == "deleted":
        user.delete()

    assert send_welcome_email.delay(user_id).get() is False
    assert not mail.outbox


def test_a_mail_server_failure_is_retried_until_the_email_goes(settings, monkeypatch):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyEmailBackend"
    # Eager retries run inline; propagating would turn the first retry into an error.
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    FlakyEmailBackend.failures_left = 2
    user = UserFactory()

    result = send_welcome_email.apply(args=(user.pk,))

    assert result.get() is True
    assert FlakyEmailBackend.failures_left == 0, "the task gave up before the server recovered"
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_retries_back_off_exponentially_with_jitter_and_a_cap():
    assert send_welcome_email.retry_backoff == 5
    assert send_welcome_email.retry_jitter is True
    assert send_welcome_email.retry_backoff_max == settings.CELERY_TASK_MAX_COUNTDOWN == 300
    assert send_welcome_email.max_retries == 5


def test_the_welcome_email_goes_to_the_emails_queue():
    route = celery_app.amqp.router.route({}, send_welcome_email.name)

    assert route["queue"].name.startswith("emails")
