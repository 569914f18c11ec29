"""``manage.py issue_dues --period 2026-12``: bill every active member for every active
plan in the period (idempotent: members already billed are skipped) and print how many
items were created and skipped, with a progress bar for large runs."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from ledger.errors import DomainError
from members.models import DuesPlan, Member, MemberStatus
from members.services import dues_issue_period

PROGRESS_FROM = 1000


class Command(BaseCommand):
    help = "Issue dues (iuran and simpanan wajib) for a period YYYY-MM."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="YYYY-MM (default: the current month)")
        parser.add_argument(
            "--no-progress", action="store_true", help="Never show the progress bar."
        )

    def handle(self, *args, period=None, no_progress=False, **options):
        period = period or f"{timezone.localdate():%Y-%m}"
        plans = DuesPlan.objects.filter(is_active=True).count()
        work = plans * Member.objects.filter(status=MemberStatus.ACTIVE).count()
        bar = None
        if not no_progress and work >= PROGRESS_FROM:
            bar = tqdm(
                total=work, unit="anggota", desc=f"Tagihan {period}", file=self.stderr
            )
        try:
            result = dues_issue_period(
                period=period, on_progress=bar.update if bar else None
            )
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        finally:
            if bar:
                bar.close()
        self.stdout.write(
            f"Periode {result.period}: created {result.created}, "
            f"skipped {result.skipped}."
        )
