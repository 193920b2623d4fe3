"""Promises of the ``cache`` option: each answer keeps exactly its own files, settings and dependencies."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import baking

SLUG = baking.rendered_context()["project_slug"]


def _dependencies(project: Path) -> list[str]:
    return tomllib.loads((project / "pyproject.toml").read_text())["project"]["dependencies"]


def test_cache_redis_configures_django_redis_and_its_readiness_check(bake_cache: Callable[..., Path]) -> None:
    project = bake_cache(cache="redis")

    assert any(dependency.startswith("django-redis==") for dependency in _dependencies(project))
    assert "django_redis.cache.RedisCache" in (project / "config/settings/components/cache.py").read_text()
    assert '"cache": check_cache' in (project / SLUG / "core/health.py").read_text()
    assert (project / SLUG / "core/tests/test_cache_redis.py").is_file()
    assert (project / SLUG / "core/tests/test_attacks_infra.py").is_file()
    assert "core.redis_client.CircuitBreakerRedis" in (project / "config/settings/components/cache.py").read_text()
    assert not (project / SLUG / "core/migrations").exists()


def test_cache_none_leaves_no_redis_behind_and_caches_production_in_the_database(
    bake_cache: Callable[..., Path],
) -> None:
    project = bake_cache(cache="none")

    assert not any(dependency.startswith("django-redis") for dependency in _dependencies(project))
    mentions = [str(path.relative_to(project)) for path, text in baking.text_files(project) if "django_redis" in text]
    assert mentions == [], f"cache=none still uses django-redis in: {mentions}"
    production = (project / "config/settings/production.py").read_text()
    assert "from .components.cache_database_production import *" in production
    assert "DatabaseCache" in (project / "config/settings/components/cache_database_production.py").read_text()
    assert (project / SLUG / "core/migrations/0001_cache_table.py").is_file()
    assert not (project / SLUG / "core/tests/test_cache_redis.py").exists()
    assert not (project / SLUG / "core/tests/test_attacks_infra.py").exists()
    assert not (project / SLUG / "core/redis_client.py").exists()
    assert not (project / "config/settings/components/cache.py").exists()
