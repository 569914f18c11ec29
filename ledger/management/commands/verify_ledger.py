"""``manage.py verify_ledger``: recompute the hash chains (ledger and audit trail),
numbering, balances and maintained totals, and check them against the signed
checkpoints outside the database (``ledger.integrity``).

By default it verifies what was added since the newest verified checkpoint (time
proportional to what was added; a full run when there is none); ``--full`` verifies
everything. ``--checkpoints DIR`` reads (and writes) checkpoints there instead of
``ESTAMA_CHECKPOINT_DIR``. A successful run writes a new verified checkpoint (not with
``--no-checkpoint``) and every run is recorded in the verification history.

Exit status 0 when everything holds; 1 otherwise, after listing every problem and
naming the first broken entry in posting order. ``--json`` prints the report as JSON.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from ledger.integrity import verification_run
from ledger.models import VerificationTrigger


class Command(BaseCommand):
    help = (
        "Verify the ledger's and the audit trail's hash chains, gapless numbering, "
        "balance and maintained totals against the signed checkpoints. Exits 1 and "
        "names the first broken entry when anything is off."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="Print the report as JSON."
        )
        parser.add_argument(
            "--full",
            action="store_true",
            help="Verify everything, not only what was added since the last "
            "verified checkpoint.",
        )
        parser.add_argument(
            "--checkpoints",
            metavar="DIR",
            default=None,
            help="Checkpoint directory (default: ESTAMA_CHECKPOINT_DIR).",
        )
        parser.add_argument(
            "--no-checkpoint",
            action="store_true",
            help="Do not write a verified checkpoint after a successful run.",
        )

    def handle(self, *args, **options):
        report, _ = verification_run(
            full=options["full"],
            trigger=VerificationTrigger.COMMAND,
            checkpoints_dir=options["checkpoints"],
            write_checkpoint=not options["no_checkpoint"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
        elif report.ok:
            span = (
                f" ({report.first_number} … {report.last_number})"
                if report.entry_count
                else ""
            )
            since = (
                f" since chain position {report.verified_from}"
                if report.mode == "incremental"
                else ""
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"OK: {report.entry_count} entries{since}{span}, "
                    f"head {report.head_hash}"
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
