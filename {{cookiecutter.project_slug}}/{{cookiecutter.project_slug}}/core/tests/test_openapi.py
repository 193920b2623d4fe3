"""The schema documents the common error body for every operation."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from ..openapi import ERROR_RESPONSE, add_error_responses


@pytest.mark.django_db
def test_every_operation_documents_the_4xx_error_body():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    operations = [op for item in schema["paths"].values() for op in item.values()]
    assert operations
    assert all(op["responses"]["4XX"] == ERROR_RESPONSE for op in operations)
    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]


def test_path_level_keys_are_left_alone_and_declared_errors_win():
    declared = {"description": "Conflict"}
    schema = {
        "paths": {
            "/x/": {
                "parameters": [{"name": "id", "in": "query"}],
                "post": {"responses": {"4XX": declared}},
            }
        }
    }

    add_error_responses(schema)

    assert schema["paths"]["/x/"]["parameters"] == [{"name": "id", "in": "query"}]
    assert schema["paths"]["/x/"]["post"]["responses"]["4XX"] is declared
