"""``manage.py export_ledger --format csv|xlsx|beancount|hledger --output FILE
[--start DATE] [--end DATE]``: write the general ledger of a range to FILE and its
manifest to FILE.manifest.json (``reports.exports``). ``--end`` defaults to today,
``--start`` to the beginning of the ledger."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.exports.files import EXPORT_FORMATS, ledger_export_write

#: The API's bounds: the day before ``--start`` must exist (opening balances).
MIN_DATE, MAX_DATE = dt.date(1900, 1, 2), dt.date(9999, 12, 30)


def _date(value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from exc
    if not MIN_DATE <= day <= MAX_DATE:
        raise CommandError(f"Give a date from {MIN_DATE} to {MAX_DATE}: {value!r}")
    return day


class Command(BaseCommand):
    help = (
        "Export the general ledger (CSV, XLSX, Beancount or hledger) with a manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=EXPORT_FORMATS)
        parser.add_argument("--output", required=True, help="File to write.")
        parser.add_argument("--start", help="First date (YYYY-MM-DD).")
        parser.add_argument("--end", help="Last date (YYYY-MM-DD); default today.")

    def handle(self, *args, **options):
        start = _date(options["start"]) if options["start"] else None
        end = _date(options["end"]) if options["end"] else timezone.localdate()
        if start and start > end:
            raise CommandError("--start is after --end.")
        manifest = ledger_export_write(
            fmt=options["format"], path=options["output"], start=start, end=end
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{manifest['entry_count']} entries written to {options['output']} "
                f"(manifest {options['output']}.manifest.json, head "
                f"{manifest['head_hash']})."
            )
        )
