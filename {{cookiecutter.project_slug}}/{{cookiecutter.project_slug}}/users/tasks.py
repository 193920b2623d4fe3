"""Background work for accounts; the services queue it once their transaction has committed."""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from .emails import welcome_email_send
from .models import User

# Failures worth another try: the mail server or the network, never a bug in this code.
TRANSIENT_EMAIL_ERRORS = (SMTPException, ConnectionError, TimeoutError)


@shared_task(
    autoretry_for=TRANSIENT_EMAIL_ERRORS,
    max_retries=5,
    # 5 s, 10 s, 20 s ... capped at CELERY_TASK_MAX_COUNTDOWN (5 minutes), each drawn at random
    # below the cap (full jitter) so that a mail-server outage is not followed by every worker
    # retrying at the same instant.
    retry_backoff=5,
    retry_backoff_max=settings.CELERY_TASK_MAX_COUNTDOWN,
    retry_jitter=True,
)
def send_welcome_email(user_id: int) -> bool:
    """Greet an account; False when it was deleted or deactivated before the worker got to it."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    welcome_email_send(user=user)
    return True
