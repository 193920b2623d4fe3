"""App registration for the content-management example."""

from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.cms"
    label = "cms"
    verbose_name = "Content"
    # `manage.py seed_demo` runs it (core/seeding.py); a path, as factory-boy is a dev dependency.
    demo_seed = "{{ cookiecutter.project_slug }}.cms.seed.seed_cms"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_save

        from {{ cookiecutter.project_slug }}.core.caching import invalidate_on_write

        from .counters import comment_written, remember_post
        from .models import Category, Comment, Page, Post, Tag

        # What readers see is cached (docs/caching.md): every save, delete or tag change through
        # the API, the admin or a shell invalidates it. A comment also invalidates its post's page
        # (the approved-comment count).
        for model in (Category, Tag, Post, Page):
            invalidate_on_write(model)
        invalidate_on_write(Comment, parents=("post",))

        # Each post's approved-comment count follows its comments (cms/counters.py).
        pre_save.connect(remember_post, sender=Comment, dispatch_uid="cms.comment.remember_post")
        post_save.connect(comment_written, sender=Comment, dispatch_uid="cms.comment.saved")
        post_delete.connect(comment_written, sender=Comment, dispatch_uid="cms.comment.deleted")
