"""Emails about accounts: what they say and who receives them. The tasks decide when they go."""

from django.conf import settings
from django.core.mail import send_mail

from .models import User


def welcome_email_send(*, user: User) -> None:
    """Greet a new account at its address."""
    greeting = f"Hello {user.name}," if user.name else "Hello,"
    send_mail(
        subject="Welcome to {{ cookiecutter.project_name }}",
        message=(
            f"{greeting}\n\n"
            f"Your account {user.email} is ready. Sign in whenever you like.\n\n"
            "- The {{ cookiecutter.project_name }} team\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
