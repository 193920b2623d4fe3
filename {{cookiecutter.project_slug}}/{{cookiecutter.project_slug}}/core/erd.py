"""Entity-relationship diagrams (Mermaid ``erDiagram``) of the project's own apps, read from the live models.

One Markdown file per app, ``docs/erd-<app label>.md``: a diagram of the app's tables (columns, keys,
relations, with the tables they reference in other apps) and a list of its constraints and indexes.
Written here rather than taken from a package: django-extensions' graph_models emits Graphviz, and the
Mermaid generators on PyPI are single-release projects whose output format nothing pins. The text is
deterministic, so a test can compare the committed files with the models.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from django.apps import AppConfig, apps
from django.conf import settings
from django.db import models
from django.db.models.expressions import BaseExpression

PACKAGE = "{{ cookiecutter.project_slug }}"
# Mermaid's "many" crow's foot, kept out of f-strings where its brace would need doubling.
MANY = "{"

# Portable column types: the diagram must read the same whichever database generated it.
COLUMN_TYPES = {
    "AutoField": "int",
    "BigAutoField": "bigint",
    "BigIntegerField": "bigint",
    "BooleanField": "bool",
    "CharField": "varchar",
    "DateField": "date",
    "DateTimeField": "timestamp",
    "DecimalField": "decimal",
    "DurationField": "interval",
    "EmailField": "varchar",
    "FloatField": "float",
    "IntegerField": "int",
    "JSONField": "json",
    "PositiveBigIntegerField": "bigint",
    "PositiveIntegerField": "int",
    "PositiveSmallIntegerField": "smallint",
    "SlugField": "varchar",
    "SmallAutoField": "smallint",
    "SmallIntegerField": "smallint",
    "TextField": "text",
    "TimeField": "time",
    "URLField": "varchar",
    "UUIDField": "uuid",
}


@dataclass(frozen=True)
class ErdDocument:
    label: str
    path: Path
    text: str


def documented_apps() -> list[AppConfig]:
    """The project's own apps that define models, in INSTALLED_APPS order."""
    return [
        config
        for config in apps.get_app_configs()
        if config.name.startswith(f"{PACKAGE}.") and list(config.get_models())
    ]


def _column_type(field: models.Field) -> str:
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    internal = target.get_internal_type()
    return COLUMN_TYPES.get(internal, internal.removesuffix("Field").lower())


def _column(field: models.Field) -> str:
    keys = []
    if field.primary_key:
        keys.append("PK")
    if field.is_relation:
        keys.append("FK")
    if field.unique and not field.primary_key:
        keys.append("UK")
    notes = []
    if isinstance(field, models.DecimalField):
        notes.append(f"{field.max_digits},{field.decimal_places}")
    elif getattr(field, "max_length", None) and not field.is_relation:
        notes.append(f"max {field.max_length}")
    if field.null:
        notes.append("null")
    # Concrete fields always have a column; django-stubs 6 types it as optional.
    parts = [_column_type(field), field.column or field.name]
    if keys:
        parts.append(",".join(keys))
    if notes:
        parts.append(f'"{", ".join(notes)}"')
    return " ".join(parts)


def _entity(model: type[models.Model], *, columns: bool = True) -> list[str]:
    fields = model._meta.concrete_fields if columns else [model._meta.pk]
    return [
        f"    {model._meta.db_table} " + "{",
        *(f"        {_column(field)}" for field in fields),
        "    }",
    ]


def _relation(field: models.Field) -> str:
    source = field.model._meta.db_table
    # Only relations get here, and Django has resolved their model: never None or "self".
    target = field.related_model._meta.db_table  # type: ignore[union-attr]
    if field.many_to_many:
        return f'    {source} }}o--o{MANY} {target} : "{field.name}"'
    parent = "|o" if field.null else "||"
    child = "o|" if field.one_to_one else f"o{MANY}"
    return f'    {target} {parent}--{child} {source} : "{field.name}"'


# Lookups as SQL reads them; any other lookup is shown by name.
OPERATORS = {"exact": "=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=", "in": "IN"}


def _value(value: object) -> str:
    if isinstance(value, models.F):
        return value.name  # type: ignore[attr-defined,unused-ignore]  # django-stubs 6 omits F.name
    if isinstance(value, list | tuple):
        return "(" + ", ".join(map(_value, value)) + ")"
    return repr(value) if isinstance(value, str) else str(value)


def _condition(condition: models.Q | BaseExpression) -> str:
    """A Q object as SQL-like text (``price >= 0``), stable across Django versions; any other
    expression as Django prints it."""
    if not isinstance(condition, models.Q):
        return str(condition)
    terms = []
    for child in condition.children:
        if isinstance(child, models.Q):
            terms.append(f"({_condition(child)})")
            continue
        # A Q's other children are (lookup, value) pairs; the stubs allow any node or sequence.
        lookup, value = cast(tuple[str, object], child)
        column, _, operator = lookup.rpartition("__")
        if not column:
            column, operator = lookup, "exact"
        terms.append(f"{column} {OPERATORS.get(operator, operator)} {_value(value)}")
    text = f" {condition.connector} ".join(terms)
    return f"NOT ({text})" if condition.negated else text


def _rules(model: type[models.Model]) -> list[str]:
    table = model._meta.db_table
    rows = []
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.CheckConstraint):
            kind, definition = "check", _condition(constraint.condition)
        else:
            parts = list(getattr(constraint, "fields", ()))
            parts += [str(expression) for expression in getattr(constraint, "expressions", ())]
            definition = ", ".join(parts)
            condition = getattr(constraint, "condition", None)
            if condition is not None:
                definition += f" WHERE {_condition(condition)}"
            kind = "unique"
        rows.append(f"| `{table}` | `{constraint.name}` | {kind} | `{definition}` |")
    for index in model._meta.indexes:
        definition = ", ".join(index.fields) or ", ".join(map(str, index.expressions))
        if index.condition is not None:
            definition += f" WHERE {_condition(index.condition)}"
        rows.append(f"| `{table}` | `{index.name}` | index | `{definition}` |")
    return rows


def render(config: AppConfig) -> str:
    """The Markdown text of one app's diagram."""
    return render_models(title=str(config.verbose_name), own=list(config.get_models()))


def render_models(*, title: str, own: list[type[models.Model]]) -> str:
    """The Markdown text of a diagram of ``own``, plus the keys of the tables they reference."""
    relations = [
        field
        for model in own
        for field in (*model._meta.concrete_fields, *model._meta.local_many_to_many)
        if field.is_relation
    ]
    # Tables of other apps appear with their key only: enough to show where the arrows go.
    foreign: list[type[models.Model]] = []
    for field in relations:
        target = field.related_model
        # A class once the app registry is ready; the stubs also allow "self" and None.
        if isinstance(target, type) and target not in own and target not in foreign:
            foreign.append(target)
    lines = [
        f"# Entity-relationship diagram: {title}",
        "",
        "Generated from the models by `python manage.py erd`; do not edit by hand. A test",
        "(`core/tests/test_erd.py`) fails when this file and the models disagree.",
        "",
        "```mermaid",
        "erDiagram",
    ]
    for model in own:
        lines += _entity(model)
    for model in foreign:
        lines += _entity(model, columns=False)
    lines += [_relation(field) for field in relations]
    lines += ["```"]
    rules = [row for model in own for row in _rules(model)]
    if rules:
        lines += [
            "",
            "## Constraints and indexes",
            "",
            "| table | name | kind | definition |",
            "|---|---|---|---|",
            *rules,
        ]
    return "\n".join(lines) + "\n"


def documents(docs_dir: Path | None = None) -> list[ErdDocument]:
    """Every diagram the project documents, with the file it belongs in."""
    folder = docs_dir or Path(settings.BASE_DIR) / "docs"
    return [
        ErdDocument(config.label, folder / f"erd-{config.label}.md", render(config))
        for config in documented_apps()
    ]
