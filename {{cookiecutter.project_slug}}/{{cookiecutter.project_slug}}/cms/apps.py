"""App registration for the content-management example."""

from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.cms"
    label = "cms"
    verbose_name = "Content"
