"""Validation rules that refuse abusive documents before they run: aliases, introspection.

graphene-django replaces graphql-core's standard rules with the ones it is given, so the
standard rules come first. Token counts are limited while parsing, and depth, cost and fragment
cycles are checked by cost.py before these rules run (see view_graphene.py): graphene's own depth
rule recursed forever on a fragment that spreads itself.
"""

from django.conf import settings
from graphql import GraphQLError, specified_rules
from graphql.language import FieldNode
from graphql.validation import (
    ASTValidationRule,
    NoSchemaIntrospectionCustomRule,
    ValidationContext,
    ValidationRule,
)


def max_aliases_rule(limit: int) -> type[ValidationRule]:
    class MaxAliasesRule(ValidationRule):
        """Refuse documents with more than ``limit`` aliased fields (one request, many copies)."""

        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.aliases = 0

        def enter_field(self, node: FieldNode, *_args: object) -> None:
            if node.alias is None:
                return
            self.aliases += 1
            if self.aliases == limit + 1:
                self.report_error(
                    GraphQLError(f"More than {limit} aliases found; allowed: {limit}.", node)
                )

    return MaxAliasesRule


def validation_rules() -> tuple[type[ASTValidationRule], ...]:
    """graphql-core's rules plus the limits, as the settings say now."""
    rules: list[type[ASTValidationRule]] = [
        *specified_rules,
        max_aliases_rule(settings.GRAPHQL_MAX_ALIASES),
    ]
    if not settings.GRAPHQL_INTROSPECTION:
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)
