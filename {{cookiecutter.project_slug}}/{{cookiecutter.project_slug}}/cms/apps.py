"""App registration for the content-management example."""

from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.cms"
    label = "cms"
    verbose_name = "Content"
    # `manage.py seed_demo` runs it (core/seeding.py); a path, as factory-boy is a dev dependency.
    demo_seed = "{{ cookiecutter.project_slug }}.cms.seed.seed_cms"

    def ready(self) -> None:
        from {{ cookiecutter.project_slug }}.core.caching import invalidate_on_write

        from .models import Category, Comment, Page, Post, Tag

        # What readers see is cached (docs/caching.md): every save, delete or tag change through
        # the API, the admin or a shell invalidates it. A comment also invalidates its post's page
        # (the approved-comment count).
        for model in (Category, Tag, Post, Page):
            invalidate_on_write(model)
        invalidate_on_write(Comment, parents=("post",))
