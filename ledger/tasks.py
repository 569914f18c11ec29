"""Scheduled ledger work (Celery).

``ledger_verify_nightly`` verifies the ledger every night (incrementally, since the
last verified checkpoint) and once a week in full (beat schedule in settings), records
the run in the verification history and, when it succeeds, writes the night's signed
checkpoint. When anything is off it logs the problems and emails the treasurers and
auditors who have an address; the dashboard shows them a red banner either way.
Verification only reads, so running it twice (a redelivered message) is harmless.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from estama.roles import AUDITOR_GROUP, TREASURER_GROUP
from ledger.integrity import verification_run
from ledger.models import VerificationTrigger

logger = logging.getLogger(__name__)


def _alert(report, run) -> None:
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(
                is_active=True, groups__name__in=[TREASURER_GROUP, AUDITOR_GROUP]
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        logger.error(
            "ledger verification FAILED and no treasurer or auditor has an email "
            "address: the failure shows on their dashboard (run %s)",
            run.pk,
        )
        return
    first = report.first_broken
    lines = [f"{p.number or '-'}: {p.message}" for p in report.problems[:50]]
    send_mail(
        subject="[Estama] Verifikasi buku besar GAGAL / ledger verification FAILED",
        message=(
            "Pemeriksaan malam menemukan masalah pada buku besar.\n"
            f"Entri rusak pertama / first broken entry: "
            f"{first.number if first and first.number else '-'}\n\n" + "\n".join(lines)
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )


@shared_task(name="ledger.verify_nightly")
def ledger_verify_nightly(full: bool = False) -> dict:
    """Verify the ledger; record the run; alert treasurers and auditors on failure.

    Args:
        full: verify everything (the weekly run) instead of what was added since the
            last verified checkpoint.

    Returns:
        The report as a dict (``ok``, ``entry_count``, ``head_hash``, ``problems``...).
    """
    report, run = verification_run(
        full=full,
        trigger=VerificationTrigger.WEEKLY if full else VerificationTrigger.NIGHTLY,
    )
    if report.ok:
        logger.info(
            "ledger verified (%s): %s entries, head %s; checkpoint %s",
            report.mode,
            report.entry_count,
            report.head_hash,
            run.checkpoint,
        )
    else:
        logger.error("ledger verification FAILED: %s", report.as_dict())
        _alert(report, run)
    return report.as_dict()
