"""What a GraphQL document costs, known before it runs, and a wall-clock budget while it runs.

Depth, alias and token limits all pass a document under 1 KB whose fragments each spread the next
one twice: expanded, twenty levels ask for a million fields. ``analyse`` counts the work after
fragment expansion without expanding anything: each fragment's cost and depth are computed once
and reused wherever it is spread, so the count is linear in the document's size however large the
expansion. It refuses, before validation or execution, a document that

- spreads fragments in a cycle (graphql-core would report it later; graphene's depth rule recursed
  forever on it),
- nests selections or fragments more than ``MAX_NESTING`` levels (a document that deep is an attack,
  and refusing it keeps this walk and the validators' recursion bounded),
- is deeper than ``GRAPHQL_MAX_DEPTH`` fields, or
- costs more than ``GRAPHQL_MAX_COST``.

The cost of an operation is the number of fields it resolves: a field costs 1, plus its selection
times the number of objects it returns. A list under a paginated field (one with a ``limit``
argument) holds ``limit`` items, at most REST's maximum page size; ``limit`` left out means REST's
page size, and so does any other list. Introspection's lists count one item each: the schema is
small and fixed, and aliases or fragments that repeat it still add up.

``DeadlineMixin`` gives graphql-core's execution a wall-clock budget (``GRAPHQL_TIMEOUT_SECONDS``):
once it is spent, every field still to resolve fails at once instead of running.
"""

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef

from .pagination import MAX_LIMIT, default_limit

MAX_NESTING = 64


class DocumentRefusedError(GraphQLError):
    """A document refused before it runs; ``extensions.code`` says which limit it crossed."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, extensions={"code": code})


@dataclass(frozen=True)
class Analysis:
    cost: int
    depth: int


def _nesting(document: DocumentNode) -> int:
    """The deepest selection-set nesting in the text, before any fragment is expanded."""
    deepest = 0
    stack: list[tuple[SelectionSetNode, int]] = [
        (definition.selection_set, 1)
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode)
    ]
    while stack:
        selection_set, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_NESTING:
            break
        stack.extend(
            (selection.selection_set, level + 1)
            for selection in selection_set.selections
            if isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set
        )
    return deepest


def _list_dimensions(output_type: GraphQLOutputType) -> int:
    """How many list wrappers the type has: [T] is 1, [[T]] is 2."""
    dimensions = 0
    current: Any = output_type
    while isinstance(current, GraphQLNonNull | GraphQLList):
        if isinstance(current, GraphQLList):
            dimensions += 1
        current = current.of_type
    return dimensions


def _named_type(output_type: GraphQLOutputType) -> GraphQLNamedType:
    current: Any = output_type
    while isinstance(current, GraphQLNonNull | GraphQLList):
        current = current.of_type
    return current


class _Analyser:
    """Cost and depth of a document's operations, each fragment computed once per page size."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any],
        max_depth: int,
    ) -> None:
        self.schema = schema
        self.max_depth = max_depth
        self.level = 0
        self.variables = variables
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.memo: dict[tuple[str, int | None], Analysis] = {}
        self.spreading: list[str] = []
        self.list_size = default_limit()

    def operation(self, operation: OperationDefinitionNode) -> Analysis:
        root = {
            OperationType.QUERY: self.schema.query_type,
            OperationType.MUTATION: self.schema.mutation_type,
            OperationType.SUBSCRIPTION: self.schema.subscription_type,
        }[operation.operation]
        if root is None:
            return Analysis(cost=0, depth=0)
        return self.selection_set(operation.selection_set, root, None)

    def selection_set(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLNamedType | None,
        page_size: int | None,
    ) -> Analysis:
        """``page_size`` is the ``limit`` of the paginated field this selection belongs to."""
        cost = depth = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                part = self.field(selection, parent, page_size)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                part = self.selection_set(selection.selection_set, target, page_size)
            elif isinstance(selection, FragmentSpreadNode):
                part = self.spread(selection.name.value, page_size)
            else:
                continue
            cost += part.cost
            depth = max(depth, part.depth)
        return Analysis(cost=cost, depth=depth)

    def spread(self, name: str, page_size: int | None) -> Analysis:
        key = (name, page_size)
        if key in self.memo:
            return self.memo[key]
        fragment = self.fragments.get(name)
        if fragment is None:
            return Analysis(cost=0, depth=0)  # graphql-core's validation names the unknown fragment
        if name in self.spreading:
            cycle = " -> ".join([*self.spreading[self.spreading.index(name) :], name])
            raise DocumentRefusedError(
                f"Fragments spread each other in a cycle: {cycle}.", "fragment_cycle"
            )
        if len(self.spreading) >= MAX_NESTING:
            raise DocumentRefusedError(
                f"Fragments are spread more than {MAX_NESTING} levels deep.", "too_deep"
            )
        target = self.schema.get_type(fragment.type_condition.name.value)
        if target is None:
            return Analysis(cost=0, depth=0)
        self.spreading.append(name)
        try:
            result = self.selection_set(fragment.selection_set, target, page_size)
        finally:
            self.spreading.pop()
        self.memo[key] = result
        return result

    def field(
        self, node: FieldNode, parent: GraphQLNamedType | None, page_size: int | None
    ) -> Analysis:
        name = node.name.value
        if node.selection_set is None:
            return Analysis(cost=1, depth=0)
        introspection = name.startswith("__") or (
            parent is not None and parent.name.startswith("__")
        )
        definition: GraphQLField | None
        if name == "__schema":
            definition = SchemaMetaFieldDef
        elif name == "__type":
            definition = TypeMetaFieldDef
        elif isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(name)
        else:
            definition = None
        target = None if definition is None else _named_type(definition.type)
        child_page_size = (
            self.limit(node) if definition is not None and "limit" in definition.args else None
        )
        inner = self.nested(node.selection_set, target, child_page_size, counts=not introspection)
        if definition is None:
            # An unknown field, or a selection on a scalar: validation refuses it, but its
            # nesting still counts, so a deep document is refused as too deep first.
            return Analysis(cost=1 + inner.cost, depth=1 + inner.depth)
        per_list = 1 if introspection else (child_page_size or page_size or self.list_size)
        items = per_list ** _list_dimensions(definition.type)
        return Analysis(
            cost=1 + items * inner.cost,
            depth=inner.depth if introspection else 1 + inner.depth,
        )

    def nested(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLNamedType | None,
        page_size: int | None,
        *,
        counts: bool,
    ) -> Analysis:
        """A field's selection, one level deeper: refused as soon as a path passes the depth limit.

        Stopping there keeps this walk's recursion bounded by the limit, however the fragments nest.
        """
        self.level += counts
        try:
            if self.level > self.max_depth:
                raise DocumentRefusedError(
                    f"The operation is deeper than the maximum depth, {self.max_depth}.", "too_deep"
                )
            return self.selection_set(selection_set, parent, page_size)
        finally:
            self.level -= counts

    def limit(self, node: FieldNode) -> int:
        """The page size a paginated field will return, as ``paginate`` clamps it."""
        value: Any = None
        for argument in node.arguments or ():
            if argument.name.value != "limit":
                continue
            if isinstance(argument.value, IntValueNode):
                value = int(argument.value.value)
            elif isinstance(argument.value, VariableNode):
                value = self.variables.get(argument.value.name.value)
            else:
                value = MAX_LIMIT  # not an integer: validation refuses it; count the worst
        if value is None:
            return self.list_size
        if not isinstance(value, int) or isinstance(value, bool):
            return MAX_LIMIT
        return max(1, min(value, MAX_LIMIT))


def analyse(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
    *,
    max_depth: int = MAX_NESTING,
) -> Analysis:
    """The most expensive operation's cost and the deepest one's depth, or DocumentRefusedError.

    A path deeper than ``max_depth`` fields is refused as soon as it is found.
    """
    if _nesting(document) > MAX_NESTING:
        raise DocumentRefusedError(
            f"Selections are nested more than {MAX_NESTING} levels.", "too_deep"
        )
    given = variables if isinstance(variables, Mapping) else {}
    analyser = _Analyser(schema, document, given, max_depth)
    try:
        results = [
            analyser.operation(definition)
            for definition in document.definitions
            if isinstance(definition, OperationDefinitionNode)
        ]
        # Fragments no operation spreads are checked too: graphql-core's own rules walk them.
        for name in analyser.fragments:
            analyser.spread(name, None)
    except RecursionError:
        # Not reachable within the nesting and depth bounds; a refusal, never a crash, if it is.
        raise DocumentRefusedError("The document is nested too deeply.", "too_deep") from None
    return Analysis(
        cost=max((result.cost for result in results), default=0),
        depth=max((result.depth for result in results), default=0),
    )


def check_document(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
) -> None:
    """Refuse the document if it is cyclic, too deep or too costly, per the settings now."""
    result = analyse(schema, document, variables, max_depth=settings.GRAPHQL_MAX_DEPTH)
    if result.depth > settings.GRAPHQL_MAX_DEPTH:
        raise DocumentRefusedError(
            f"The operation is {result.depth} levels deep; the maximum depth is "
            f"{settings.GRAPHQL_MAX_DEPTH}.",
            "too_deep",
        )
    if result.cost > settings.GRAPHQL_MAX_COST:
        raise DocumentRefusedError(
            f"The operation would resolve about {result.cost} fields; the maximum cost is "
            f"{settings.GRAPHQL_MAX_COST}.",
            "too_costly",
        )


class OutOfTimeError(GraphQLError):
    def __init__(self, budget: float) -> None:
        super().__init__(
            f"The operation ran out of time ({budget:g} s).", extensions={"code": "timeout"}
        )


class DeadlineMixin:
    """For a graphql-core ExecutionContext: fields not yet started fail once the budget is spent."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.budget = float(settings.GRAPHQL_TIMEOUT_SECONDS)
        self.deadline = time.monotonic() + self.budget

    def execute_field(self, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() > self.deadline:
            raise OutOfTimeError(self.budget)
        # A mixin: the library's execution context, later in the bases, defines execute_field.
        return super().execute_field(*args, **kwargs)  # type: ignore[misc]
