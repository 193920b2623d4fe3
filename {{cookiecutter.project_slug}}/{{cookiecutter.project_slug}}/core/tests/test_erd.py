"""The Mermaid ER diagrams in docs/: generated from the models, and kept in step with them."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models
from django.db.models.functions import Lower
from django.db.models.lookups import GreaterThan
from django.test.utils import isolate_apps

from .. import erd


def test_every_committed_diagram_matches_the_models():
    documents = erd.documents()

    assert documents, "the project documents at least the users app"
    for doc in documents:
        assert doc.path.is_file(), f"{doc.path} is missing: run `python manage.py erd`"
        assert doc.path.read_text() == doc.text, f"{doc.path} is stale: run `python manage.py erd`"


def test_no_diagram_is_left_for_an_app_the_project_no_longer_has():
    folder = erd.documents()[0].path.parent
    expected = {doc.path.name for doc in erd.documents()}

    assert {path.name for path in folder.glob("erd-*.md")} == expected


def test_the_users_diagram_shows_columns_keys_and_constraints():
    text = erd.render(apps.get_app_config("users"))

    assert text.startswith("# Entity-relationship diagram: ")
    assert "```mermaid\nerDiagram\n    users_user {\n        bigint id PK\n" in text
    assert '        varchar email UK "max 254"\n' in text
    assert '        timestamp last_login "null"\n' in text
    assert "| `users_user` | `users_user_email_ci_unique` | unique | `Lower(F(email))` |" in text


def test_the_command_writes_one_file_per_app_and_then_finds_them_current(tmp_path):
    call_command("erd", "--docs-dir", str(tmp_path))

    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(doc.path.name for doc in erd.documents())
    call_command("erd", "--docs-dir", str(tmp_path), "--check")


def test_the_check_fails_naming_the_stale_file(tmp_path):
    call_command("erd", "--docs-dir", str(tmp_path))
    stale = tmp_path / "erd-users.md"
    stale.write_text("out of date\n")

    with pytest.raises(CommandError, match=r"erd-users\.md.*python manage\.py erd"):
        call_command("erd", "--docs-dir", str(tmp_path), "--check")


def test_the_check_fails_when_a_diagram_is_missing(tmp_path):
    with pytest.raises(CommandError, match="Stale ER diagrams"):
        call_command("erd", "--docs-dir", str(tmp_path), "--check")


@isolate_apps("{{ cookiecutter.project_slug }}.core")
def test_a_diagram_shows_relations_decimals_checks_and_partial_indexes():
    class Shelf(models.Model):
        code = models.SlugField(unique=True)

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return self.code

    class Box(models.Model):
        shelf = models.ForeignKey(Shelf, on_delete=models.PROTECT, related_name="boxes")
        spare_for = models.OneToOneField(
            Shelf, null=True, on_delete=models.SET_NULL, related_name="spare"
        )
        price = models.DecimalField(max_digits=8, decimal_places=2)
        label = models.CharField(max_length=20)

        class Meta:
            app_label = "core"
            constraints = (
                models.CheckConstraint(
                    condition=models.Q(price__gte=0) | ~models.Q(label=""), name="box_check"
                ),
                models.CheckConstraint(
                    condition=GreaterThan(models.F("price"), 0), name="box_positive"
                ),
                models.UniqueConstraint(
                    fields=("shelf", "label"), condition=models.Q(price__gt=0), name="box_unique"
                ),
            )
            indexes = (
                models.Index(fields=("-price",), name="box_price_idx"),
                models.Index(Lower("label"), condition=models.Q(price__gt=0), name="box_label_idx"),
            )

        def __str__(self) -> str:
            return self.label

    text = erd.render_models(title="Boxes", own=[Box])

    assert "    core_box {\n        bigint id PK\n        bigint shelf_id FK\n" in text
    assert '        bigint spare_for_id FK,UK "null"\n' in text
    assert '        decimal price "8,2"\n' in text
    assert "    core_shelf {\n        bigint id PK\n    }\n" in text  # referenced: key only
    assert '    core_shelf ||--o{ core_box : "shelf"\n' in text
    assert '    core_shelf |o--o| core_box : "spare_for"\n' in text
    assert "| `core_box` | `box_check` | check | `price >= 0 OR (NOT (label = ''))` |" in text
    assert "| `core_box` | `box_positive` | check | `GreaterThan(F(price), Value(0))` |" in text
    assert "| `core_box` | `box_unique` | unique | `shelf, label WHERE price > 0` |" in text
    assert "| `core_box` | `box_price_idx` | index | `-price` |" in text
    assert "| `core_box` | `box_label_idx` | index | `Lower(F(label)) WHERE price > 0` |" in text
