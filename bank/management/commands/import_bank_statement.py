"""``manage.py import_bank_statement FILE --account 1-1200 [--preset bca] [--dry-run]``:
import a bank statement; its lines become bank lines (not postings), lines seen before
are skipped, rules book what they match and the rest get suggestions."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from bank.statements import PRESETS, statement_import
from imports.management.report import run_import


class Command(BaseCommand):
    help = "Import a bank statement (CSV/XLSX with a preset, or OFX)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV, XLSX or OFX file")
        parser.add_argument(
            "--account", required=True, help="Ledger code of the bank account"
        )
        parser.add_argument("--preset", choices=sorted(PRESETS), default="")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file, account, preset="", dry_run=False, **options):
        run_import(
            self,
            statement_import,
            path=file,
            progress=not options.get("no_progress"),
            account=account,
            preset=preset,
            dry_run=dry_run,
        )
