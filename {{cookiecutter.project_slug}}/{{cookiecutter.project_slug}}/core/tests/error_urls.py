"""A URL map with a view that crashes, to exercise the 500 handler."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [path("crash/", crash)]
handler500 = "{{ cookiecutter.project_slug }}.core.views.server_error"
