"""The OpenAPI schema and its documentation pages."""

import pytest
from django.core.management import call_command
from rest_framework import status


@pytest.mark.django_db
def test_the_schema_validates_without_a_single_warning(tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    text = target.read_text()
    assert "openapi: 3" in text
    assert "/api/v1/users/me/" in text


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/", "/api/redoc/"])
def test_the_schema_and_docs_are_served(client, url):
    assert client.get(url).status_code == status.HTTP_200_OK
