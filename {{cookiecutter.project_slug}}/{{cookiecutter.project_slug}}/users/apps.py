"""App registration for accounts."""

from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.users"
    label = "users"
    verbose_name = "Users"

    def ready(self) -> None:
        from {{ cookiecutter.project_slug }}.core.caching import invalidate_on_write

        from .models import User

        # Every save or delete (API, admin, shell) invalidates the cached user reads. A sign-in
        # writes only last_login, which no cached read shows.
        invalidate_on_write(User, ignore_update_fields={"last_login"})
