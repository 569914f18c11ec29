"""``manage.py export_ledger --format csv|xlsx|beancount|hledger --output FILE
[--start DATE] [--end DATE] [--lang id|en] [--no-progress]``: write the general
ledger of a range to FILE and its manifest (with the file's SHA-256) to
FILE.manifest.json (``reports.exports``). ``--end`` defaults to today, ``--start`` to
the beginning of the ledger. A progress bar on stdout counts the ledger lines
written; one summary line in the chosen language ends the run."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from estama.progress import add_progress_arguments, language, progress_bar
from reports.exports.files import (
    EXPORT_FORMATS,
    export_line_count,
    ledger_export_write,
)

SUMMARY = {
    "id": "{entries} jurnal ({lines} baris) ditulis ke {path}; manifest "
    "{path}.manifest.json, SHA-256 {sha256}.",
    "en": "{entries} entries ({lines} lines) written to {path}; manifest "
    "{path}.manifest.json, SHA-256 {sha256}.",
}

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
        add_progress_arguments(parser)

    def handle(self, *args, **options):
        start = _date(options["start"]) if options["start"] else None
        end = _date(options["end"]) if options["end"] else timezone.localdate()
        if start and start > end:
            raise CommandError("--start is after --end.")
        total = export_line_count(start=start, end=end)
        with progress_bar(
            total=total,
            desc=options["format"],
            unit="baris",
            stream=self.stdout,
            enabled=not options["no_progress"],
        ) as update:
            manifest = ledger_export_write(
                fmt=options["format"],
                path=options["output"],
                start=start,
                end=end,
                on_progress=update,
            )
        self.stdout.write(
            SUMMARY[language(options["lang"])].format(
                entries=manifest["entry_count"],
                lines=total,
                path=options["output"],
                sha256=manifest["file"]["sha256"],
            )
        )
