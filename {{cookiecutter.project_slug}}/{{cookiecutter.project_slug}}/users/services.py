"""Writes to accounts; each function is one transaction and validates before it saves."""

{% if cookiecutter.task_queue == "celery" -%}
from functools import partial

{% endif -%}
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import User
{%- if cookiecutter.task_queue == "celery" %}
from .tasks import send_welcome_email
{%- endif %}


@transaction.atomic
def user_register(*, email: str, password: str, name: str = "") -> User:
{%- if cookiecutter.task_queue == "celery" %}
    """Create an account after Django's password validators accept the password; greet it once committed."""
{%- else %}
    """Create an account after Django's password validators accept the password."""
{%- endif %}
    user = User(email=User.objects.normalize_email(email).lower(), name=name)
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.full_clean()
    user.save()
{%- if cookiecutter.task_queue == "celery" %}
    # Queued only if the account is committed: a rollback sends nothing, and the worker always finds
    # the row. robust: a broker outage is logged instead of failing a registration already saved.
    transaction.on_commit(partial(send_welcome_email.delay, user.pk), robust=True)
{%- endif %}
    return user


@transaction.atomic
def user_update(*, user: User, name: str | None = None) -> User:
    """Change the fields a user may change about themselves."""
    if name is not None:
        user.name = name
    user.full_clean()
    user.save(update_fields=["name"])
    return user
