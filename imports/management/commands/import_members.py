"""``manage.py import_members FILE [--dry-run]``: import the member registry from CSV
or XLSX (see ``imports.members`` for the columns). A real run writes every row or, if
any row has an error, nothing; the same file twice changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from imports.management.report import run_import
from imports.members import members_import


class Command(BaseCommand):
    help = "Import members from a CSV or XLSX file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report only; write nothing."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Never show the progress bar."
        )

    def handle(self, *args, file, dry_run=False, no_progress=False, **options):
        result = run_import(
            self,
            members_import,
            path=file,
            progress=not no_progress,
            dry_run=dry_run,
        )
        if dry_run and not result.ok:
            raise CommandError("Ada baris bermasalah; perbaiki sebelum impor.")
