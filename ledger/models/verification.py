"""The history of ledger verifications (the nightly job, the weekly full run and
``manage.py verify_ledger``): one row per run, so a failure stays visible (dashboard
banner, admin job history) after the log has scrolled away.

Invariant: rows are only added (``verification_run_record``); a failed run is never
overwritten by a later one, it is followed by it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VerificationTrigger(models.TextChoices):
    NIGHTLY = "nightly", _("Malam (terjadwal)")
    WEEKLY = "weekly", _("Mingguan penuh (terjadwal)")
    COMMAND = "command", _("Perintah verify_ledger")


class VerificationMode(models.TextChoices):
    FULL = "full", _("Penuh")
    INCREMENTAL = "incremental", _("Inkremental")


class VerificationRun(models.Model):
    started_at = models.DateTimeField(_("mulai"), db_index=True)
    finished_at = models.DateTimeField(_("selesai"))
    trigger = models.CharField(
        _("pemicu"), max_length=10, choices=VerificationTrigger.choices
    )
    mode = models.CharField(_("mode"), max_length=12, choices=VerificationMode.choices)
    ok = models.BooleanField(_("berhasil"))
    entry_count = models.PositiveBigIntegerField(_("jurnal diperiksa"), default=0)
    chain_seq = models.PositiveBigIntegerField(_("posisi rantai terakhir"), default=0)
    head_hash = models.CharField(_("hash kepala"), max_length=64, blank=True)
    audit_count = models.PositiveBigIntegerField(
        _("peristiwa audit diperiksa"), default=0
    )
    problem_count = models.PositiveIntegerField(_("jumlah masalah"), default=0)
    first_broken = models.CharField(_("masalah pertama"), max_length=255, blank=True)
    problems = models.JSONField(_("masalah"), default=list, blank=True)
    checkpoint = models.CharField(_("checkpoint ditulis"), max_length=255, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("verifikasi buku besar")
        verbose_name_plural = _("riwayat verifikasi buku besar")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {'OK' if self.ok else 'GAGAL'}"
