"""The strawberry schema builder: the apps' root types behind the limits that refuse abuse.

config/schema_strawberry.py composes the apps' queries and mutations and builds the schema here, so
this package depends on no app.

Tokens and aliases are strawberry's own limiters; depth, cost and fragment cycles are counted by
cost.py, once per fragment, before graphql-core's validation walks the document.

The limits are read from settings per request, so tests and operators can change them without
rebuilding the schema.
"""

from collections.abc import Iterator

import strawberry
from django.conf import settings
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    SchemaExtension,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from .cost import DeadlineMixin, DocumentRefusedError, check_document
from .errors import MASKED_MESSAGE, should_mask


class IntrospectionUnlessAllowed(AddValidationRules):
    """Refuse __schema and __type queries unless GRAPHQL_INTROSPECTION is on (local settings)."""

    def __init__(self) -> None:
        super().__init__([NoSchemaIntrospectionCustomRule])

    def on_operation(self) -> Iterator[None]:
        if settings.GRAPHQL_INTROSPECTION:
            yield
        else:
            yield from super().on_operation()


class DepthAndCostLimiter(SchemaExtension):
    """Refuse cyclic, too deep or too costly documents before graphql-core validates them (cost.py)."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            try:
                check_document(context.schema._schema, context.graphql_document, context.variables)
            except DocumentRefusedError as error:
                # Errors set before validation make strawberry skip it and answer with them.
                context.pre_execution_errors = [error]
        yield


class DeadlineExecutionContext(DeadlineMixin, StrawberryGraphQLCoreExecutionContext):
    """Fields not started once GRAPHQL_TIMEOUT_SECONDS have passed fail at once."""


def build_schema(*, query: type, mutation: type) -> strawberry.Schema:
    """The schema of these root types, with the limits and error masking every request goes through."""
    return strawberry.Schema(
        query=query,
        mutation=mutation,
        # Factories, so every request gets fresh extension instances.
        extensions=[
            lambda: MaxAliasesLimiter(max_alias_count=settings.GRAPHQL_MAX_ALIASES),
            lambda: MaxTokensLimiter(max_token_count=settings.GRAPHQL_MAX_TOKENS),
            IntrospectionUnlessAllowed,
            DepthAndCostLimiter,
            lambda: MaskErrors(should_mask_error=should_mask, error_message=MASKED_MESSAGE),
        ],
        execution_context_class=DeadlineExecutionContext,
    )
