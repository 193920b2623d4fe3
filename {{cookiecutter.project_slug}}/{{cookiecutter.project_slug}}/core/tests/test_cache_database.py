"""Production without Redis: the database cache, whose table `migrate` creates."""

import sqlite3
from contextlib import closing

from .test_settings import PRODUCTION, manage


def test_production_caches_in_the_database_and_migrate_creates_the_table(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{database}"}

    migrated = manage("migrate", "--no-input", **env)
    round_trip = manage(
        "shell",
        "--command",
        "from django.core.cache import cache; cache.set('probe', 'kept'); print(cache.get('probe'))",
        **env,
    )

    assert migrated.returncode == 0, migrated.stderr
    with closing(sqlite3.connect(database)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "django_cache" in tables
    assert round_trip.returncode == 0, round_trip.stderr
    assert round_trip.stdout.strip().splitlines()[-1] == "kept"
