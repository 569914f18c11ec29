"""``manage.py import_opening_balances FILE --date 2025-12-31 [--dry-run]``: bring last
year's balances in as one opening entry (see ``imports.opening``), refused unless it
balances; the month of the date is then locked."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from imports.management.report import run_import
from imports.opening import opening_balances_import


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date harus YYYY-MM-DD, bukan {value!r}") from None


class Command(BaseCommand):
    help = "Import opening balances (one balanced opening entry; locks the month)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file")
        parser.add_argument("--date", required=True, help="Opening date YYYY-MM-DD")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report only; post nothing."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file, date, dry_run=False, no_progress=False, **options):
        result = run_import(
            self,
            opening_balances_import,
            path=file,
            progress=not no_progress,
            date=_date(date),
            dry_run=dry_run,
        )
        for problem in result.problems:
            self.stdout.write(f"masalah: {problem.text}")
        if dry_run and not result.ok:
            raise CommandError("Saldo awal belum dapat diimpor; lihat masalah di atas.")
