"""GET /api/v1/: the endpoints this project serves and where its documentation lives.

JSON for API clients, DRF's browsable page for a browser; anyone may read it. ``/`` redirects here,
so the admin's "View site" link and a first visit land on a map of the API.
"""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

# Name shown in the listing -> URL name. Each app that adds endpoints adds rows.
ENDPOINTS: dict[str, str] = {
    "users": "users:list",
    "users/me": "users:me",
    "users/statistics": "users:statistics",
{%- if cookiecutter.example_app == "ecommerce" %}
    "shop/categories": "shop:category-list",
    "shop/products": "shop:product-list",
    "shop/catalogue/summary": "shop:catalogue-summary",
    "shop/addresses": "shop:address-list",
    "shop/orders": "shop:order-list",
{%- elif cookiecutter.example_app == "cms" %}
    "cms/categories": "cms:category-list",
    "cms/tags": "cms:tag-list",
    "cms/posts": "cms:post-list",
    "cms/posts/popular": "cms:post-popular",
    "cms/pages": "cms:page-list",
    "cms/comments": "cms:comment-list",
{%- endif %}
{%- if cookiecutter.graphql != "none" %}
    "graphql": "graphql",
{%- endif %}
}

DOCS: dict[str, str] = {
    "schema": "schema",
    "swagger_ui": "swagger-ui",
    "redoc": "redoc",
}


class ApiRootView(APIView):
    """The map of the API: every endpoint group and the documentation."""

    permission_classes = (AllowAny,)
    # The listing shows the page's own name in the browsable API.
    view_name = "API root"

    def get_view_name(self) -> str:
        return self.view_name

    @extend_schema(
        operation_id="api_root",
        summary="The endpoints of this API and links to its documentation",
        tags=["api"],
        responses=inline_serializer(
            name="ApiRoot",
            fields={
                "endpoints": serializers.DictField(child=serializers.URLField()),
                "docs": serializers.DictField(child=serializers.URLField()),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "endpoints": {
                    label: reverse(name, request=request) for label, name in ENDPOINTS.items()
                },
                "docs": {label: reverse(name, request=request) for label, name in DOCS.items()},
            }
        )
