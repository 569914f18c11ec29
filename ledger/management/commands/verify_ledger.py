"""``manage.py verify_ledger``: recompute the hash chain, numbering, balances and
maintained totals (``ledger.integrity.ledger_verify``).

Exit status 0 when everything holds; 1 otherwise, after listing every problem and
naming the first broken entry in posting order. ``--json`` prints the report as JSON.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from ledger.integrity import ledger_verify


class Command(BaseCommand):
    help = (
        "Verify the ledger's hash chain, gapless numbering, balance and maintained "
        "totals. Exits 1 and names the first broken entry when anything is off."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="Print the report as JSON."
        )

    def handle(self, *args, **options):
        report = ledger_verify()
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
        elif report.ok:
            span = (
                f" ({report.first_number} … {report.last_number})"
                if report.entry_count
                else ""
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"OK: {report.entry_count} entries{span}, head {report.head_hash}"
                )
            )
        else:
            for problem in report.problems:
                prefix = f"{problem.number}: " if problem.number else ""
                self.stdout.write(f"{prefix}{problem.message}")
            first = report.first_broken
            summary = (
                f"first broken entry {first.number}"
                if first.number
                else f"first problem: {first.message}"
            )
            self.stdout.write(self.style.ERROR(f"FAILED: {summary}"))
        if not report.ok:
            # SystemExit (not CommandError) so call_command callers see the status too.
            raise SystemExit(1)
