"""``manage.py issue_dues --period 2026-12 [--lang id|en] [--no-progress]``: bill
every active member for every active plan in the period (idempotent: members already
billed are skipped). A progress bar on stdout counts the members handled per plan
(its total is the preview's eligible members, the exact number the service reports);
the run ends with one summary line in the chosen language."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from estama.progress import add_progress_arguments, language, progress_bar
from ledger.errors import DomainError
from members.dues_preview import dues_preview
from members.services import dues_issue_period

SUMMARY = {
    "id": "Periode {period}: {created} tagihan baru diterbitkan, {skipped} sudah "
    "ada dan dilewati.",
    "en": "Period {period}: {created} new bills issued, {skipped} already there "
    "and skipped.",
}


class Command(BaseCommand):
    help = "Issue dues (iuran and simpanan wajib) for a period YYYY-MM."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="YYYY-MM (default: the current month)")
        add_progress_arguments(parser)

    def handle(self, *args, period=None, no_progress=False, lang=None, **options):
        period = period or f"{timezone.localdate():%Y-%m}"
        try:
            total = sum(plan.eligible for plan in dues_preview(period=period).plans)
            with progress_bar(
                total=total,
                desc=period,
                unit="anggota",
                stream=self.stdout,
                enabled=not no_progress,
            ) as update:
                result = dues_issue_period(period=period, on_progress=update)
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        self.stdout.write(
            SUMMARY[language(lang)].format(
                period=result.period, created=result.created, skipped=result.skipped
            )
        )
