"""``manage.py import_entries FILE [--dry-run]``: post every entry of a general-ledger
CSV export (``export_ledger --format csv``) into these books, all or nothing
(``reports.exports.ledger_import``). ``--dry-run`` checks everything, the database's
own checks included, and writes nothing. Exit status 1 when the file is refused."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ledger.errors import DomainError
from reports.exports.ledger_import import general_ledger_import


class Command(BaseCommand):
    help = "Import the entries of a general-ledger CSV export (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV written by export_ledger --format csv.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check only; write nothing."
        )

    def handle(self, *args, **options):
        try:
            result = general_ledger_import(
                path=options["file"], dry_run=options["dry_run"]
            )
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {options['file']}") from exc
        except (UnicodeDecodeError, ValueError) as exc:
            raise CommandError(f"Not a readable CSV file: {exc}") from exc
        except DomainError as exc:
            detail = "; ".join(
                f"{key}: {' '.join(messages)}"
                for key, messages in list(exc.errors.items())[:20]
            )
            raise CommandError(f"{exc.message} {detail}".strip()) from exc
        if not result.count:
            self.stdout.write("Nothing to import.")
            return
        verb = "would be imported (dry run)" if result.dry_run else "imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.count} entries ({result.line_count} lines) {verb}: "
                f"{result.first_number} … {result.last_number}, head "
                f"{result.head_hash}."
            )
        )
