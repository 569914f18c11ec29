"""Scheduled ledger work (Celery).

``ledger_verify_nightly`` re-runs ``verify_ledger`` every night (beat schedule in
settings) so that tampering cannot stay quiet: when anything is off it logs the problems
and emails the treasurers and auditors.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from estama.roles import AUDITOR_GROUP, TREASURER_GROUP
from ledger.integrity import ledger_verify

logger = logging.getLogger(__name__)


@shared_task(name="ledger.verify_nightly")
def ledger_verify_nightly() -> dict:
    """Verify the ledger; alert treasurers and auditors by email when it fails.

    Returns:
        The report as a dict (``ok``, ``entry_count``, ``head_hash``, ``problems``...).
    """
    report = ledger_verify()
    if report.ok:
        logger.info(
            "ledger verified: %s entries, head %s", report.entry_count, report.head_hash
        )
        return report.as_dict()
    logger.error("ledger verification FAILED: %s", report.as_dict())
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
    if recipients:
        first = report.first_broken
        lines = [f"{p.number or '-'}: {p.message}" for p in report.problems[:50]]
        send_mail(
            subject="[Estama] Verifikasi buku besar GAGAL / ledger verification FAILED",
            message=(
                "Pemeriksaan malam menemukan masalah pada buku besar.\n"
                f"Entri rusak pertama / first broken entry: "
                f"{first.number if first and first.number else '-'}\n\n"
                + "\n".join(lines)
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    return report.as_dict()
