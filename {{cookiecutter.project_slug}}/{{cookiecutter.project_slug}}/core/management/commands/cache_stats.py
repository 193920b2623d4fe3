"""manage.py cache_stats: hit and miss counts of every named cache, summed over all processes."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.urls import get_resolver

from ... import caching


class Command(BaseCommand):
    help = "Print hits, misses and the hit ratio of every named cache; --reset zeroes them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="zero the counts after printing")

    def handle(self, *args: Any, reset: bool, **options: Any) -> None:
        # Caches are declared where the views and selectors are defined: import them all.
        get_resolver().url_patterns  # noqa: B018
        stats = caching.cache_stats()
        width = max((len(name) for name in stats), default=4)
        self.stdout.write(f"{'name':<{width}}  {'hits':>8}  {'misses':>8}  hit ratio")
        for name, counts in stats.items():
            reads = counts["hits"] + counts["misses"]
            ratio = f"{counts['hits'] / reads:.1%}" if reads else "-"
            self.stdout.write(
                f"{name:<{width}}  {counts['hits']:>8}  {counts['misses']:>8}  {ratio:>9}"
            )
        if reset:
            caching.reset_cache_stats()
            self.stdout.write("Counts reset.")
