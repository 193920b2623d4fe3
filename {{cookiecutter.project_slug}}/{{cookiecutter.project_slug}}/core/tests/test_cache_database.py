"""Production without Redis: the database cache, whose table `migrate` creates."""

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from .settings_process import PRODUCTION


@PRODUCTION.question
def migrate_then_use_the_cache() -> dict[str, object]:
    """`migrate` on an empty database, then a value through the production cache."""
    tables_before = connection.introspection.table_names()
    call_command("migrate", "--no-input", verbosity=0)
    cache = caches["default"]
    cache.set("probe", "kept")
    return {
        "tables_before": tables_before,
        "tables": connection.introspection.table_names(),
        "backend": f"{type(cache).__module__}.{type(cache).__name__}",
        "read_back": cache.get("probe"),
    }


def test_production_caches_in_the_database_and_migrate_creates_the_table(production):
    answer = production.of(migrate_then_use_the_cache)

    assert answer["tables_before"] == []
    assert "django_cache" in answer["tables"]
    assert answer["backend"] == "django.core.cache.backends.db.DatabaseCache"
    assert answer["read_back"] == "kept"
