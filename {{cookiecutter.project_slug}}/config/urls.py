"""Top-level URL map: health probes, the versioned API, its schema and docs, and the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

{% if cookiecutter.prometheus == "y" -%}
from {{ cookiecutter.project_slug }}.core import metrics
{% endif -%}
from {{ cookiecutter.project_slug }}.core import views as core_views
from {{ cookiecutter.project_slug }}.core.admin_login import guard_login
from {{ cookiecutter.project_slug }}.core.api_root import ApiRootView
{%- if cookiecutter.graphql != "none" %}
from {{ cookiecutter.project_slug }}.core.graphql.lazy import lazy_graphql_view
{%- endif %}

urlpatterns = [
    path("livez", core_views.livez, name="livez"),
    path("readyz", core_views.readyz, name="readyz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
{%- if cookiecutter.prometheus == "y" %}
    path("metrics", metrics.metrics, name="metrics"),
{%- endif %}
    # "/" (and the admin's "View site") lands on the API root.
    path("", RedirectView.as_view(pattern_name="api-root"), name="home"),
    path("api/v1/", ApiRootView.as_view(), name="api-root"),
    # Log in / Log out links of the browsable API (session, sign-in throttles), for staff-only pages.
    path("api/v1/auth/browser/", include("{{ cookiecutter.project_slug }}.users.api.browser_login")),
    path("api/v1/auth/", include("{{ cookiecutter.project_slug }}.users.api.auth_urls")),
    path("api/v1/users/", include("{{ cookiecutter.project_slug }}.users.api.urls")),
{%- if cookiecutter.example_app == "ecommerce" %}
    path("api/v1/shop/", include("{{ cookiecutter.project_slug }}.shop.api.urls")),
{%- elif cookiecutter.example_app == "cms" %}
    path("api/v1/cms/", include("{{ cookiecutter.project_slug }}.cms.api.urls")),
{%- endif %}
{%- if cookiecutter.graphql != "none" %}
    # Imported on the first GraphQL request: a worker that answers only REST never loads GraphQL.
    path(
        "graphql/",
        lazy_graphql_view(
            "{{ cookiecutter.project_slug }}.core.graphql.view_{{ cookiecutter.graphql }}.GraphQLView",
            settings.GRAPHQL_SCHEMA,
        ),
        name="graphql",
    ),
{%- endif %}
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start script from a URL, not inline: the CSP needs no 'unsafe-inline'.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="core/redoc.html"),
        name="redoc",
    ),
    # Before the admin's own URLs, so its login form is reached through the brute-force guard.
    path(f"{settings.ADMIN_URL}login/", guard_login(admin.site.login)),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Errors outside DRF views (unknown URLs, crashes) answer with the same JSON body as the API.
handler400 = "{{ cookiecutter.project_slug }}.core.views.bad_request"
handler403 = "{{ cookiecutter.project_slug }}.core.views.permission_denied"
handler404 = "{{ cookiecutter.project_slug }}.core.views.page_not_found"
handler500 = "{{ cookiecutter.project_slug }}.core.views.server_error"
