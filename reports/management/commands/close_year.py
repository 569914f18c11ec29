"""``manage.py close_year 2026``: close a fiscal year (``reports.services.year_close``).

Posts the closing entry on 31 December, carries the year's SHU to SHU tahun lalu on 1
January of the next year and locks the year's twelve months. Exits with an error
(status 1) and the reason when the year cannot be closed (e.g. ``year_not_ended``).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ledger.errors import DomainError
from reports.services import year_close


class Command(BaseCommand):
    help = "Close a fiscal year: post the closing entry and lock its months."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="The year to close, e.g. 2026.")

    def handle(self, *args, **options):
        try:
            fy = year_close(year=options["year"])
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        entry, carry = fy.closing_entry, fy.carry_entry
        self.stdout.write(
            self.style.SUCCESS(
                f"Tahun buku {fy.year} ditutup"
                + (f" (jurnal penutup {entry.number}" if entry else "")
                + (f", SHU ke tahun lalu {carry.number}" if carry else "")
                + (")." if entry else ".")
            )
        )
