"""Write docs/erd-<app>.md, the Mermaid ER diagram of each of the project's apps; --check only compares."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ... import erd


class Command(BaseCommand):
    help = "Write (or with --check, verify) the Mermaid ER diagrams in docs/ from the models."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--docs-dir", type=Path, help="folder to write to (default: docs/)")
        parser.add_argument(
            "--check",
            action="store_true",
            help="write nothing; fail when a committed diagram differs from the models",
        )

    def handle(self, *args: Any, docs_dir: Path | None, check: bool, **options: Any) -> None:
        documents = erd.documents(docs_dir)
        if check:
            stale = [
                str(doc.path)
                for doc in documents
                if not doc.path.is_file() or doc.path.read_text() != doc.text
            ]
            if stale:
                raise CommandError(
                    f"Stale ER diagrams: {', '.join(stale)}. Run `python manage.py erd`."
                )
            self.stdout.write(f"{len(documents)} ER diagram(s) up to date.")
            return
        for doc in documents:
            doc.path.parent.mkdir(parents=True, exist_ok=True)
            doc.path.write_text(doc.text)
            self.stdout.write(f"Wrote {doc.path}")
