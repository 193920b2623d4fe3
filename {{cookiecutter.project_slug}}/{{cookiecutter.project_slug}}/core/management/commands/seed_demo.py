"""`manage.py seed_demo`: realistic demo rows from every app that offers a seed; a rerun adds nothing."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from {{ cookiecutter.project_slug }}.core.seeding import demo_seeds


class Command(BaseCommand):
    help = "Fill the database with demo data (idempotent: a second run with the same size adds nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=20, help="main rows to create (default 20)")

    def handle(self, *args: Any, size: int, **options: Any) -> None:
        if size < 1:
            raise CommandError("--size must be at least 1.")
        try:
            # factory-boy is a development dependency: demo data never belongs in production.
            seeds = demo_seeds()
        except ModuleNotFoundError as error:
            raise CommandError(
                f"seed_demo needs the development dependencies ({error.name} is missing): "
                "run `uv sync` without --no-dev."
            ) from error
        created: dict[str, int] = {}
        for seed in seeds:
            created |= seed(size=size, progress=self.draw_progress)
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Created {summary}."))

    def draw_progress(self, what: str, done: int, total: int) -> None:
        """A line per kind of row on stderr, redrawn after each batch: ``products [###...] 500/1000``."""
        filled = 30 * done // max(total, 1)
        bar = "#" * filled + "." * (30 - filled)
        self.stderr.write(
            f"\r{what:<10} [{bar}] {done}/{total}", ending="\n" if done == total else ""
        )
        self.stderr.flush()
