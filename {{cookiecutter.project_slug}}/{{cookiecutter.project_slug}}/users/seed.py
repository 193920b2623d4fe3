"""Demo accounts for the apps' seeds: written in batches, found again by email on a rerun."""

import factory
from django.contrib.auth.hashers import make_password

from {{ cookiecutter.project_slug }}.core.seeding import Progress, batches

from .models import User
from .tests.factories import DEFAULT_PASSWORD, UserFactory


def users_seed(*, emails: list[str], what: str, progress: Progress) -> tuple[list[User], int]:
    """Ensure an account for each email; return them (in email order) and how many were new.

    Every demo account signs in with the factories' default password, hashed once for all of them.
    """
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    missing = [email for email in emails if email not in existing]
    password = make_password(DEFAULT_PASSWORD)
    for batch in batches(missing, progress, what):
        User.objects.bulk_create(
            UserFactory.build(email=email, password=factory.Transformer.Force(password))
            for email in batch
        )
    found = {user.email: user for user in User.objects.filter(email__in=emails)}
    return [found[email] for email in emails], len(missing)
