"""The record of every import: who brought which file in, when, and what it did.

Invariants:
    - a job's ``sha256`` and ``size`` describe the file as uploaded; ``content`` keeps
      the bytes only while a background job waits or runs, and is cleared when it ends;
    - ``status`` moves queued -> running -> done | failed and never back; ``result`` is
      set when done (the row-by-row report), ``error`` when failed (the error
      envelope);
    - ``progress_done <= progress_total`` while running.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    MEMBERS = "members", _("Anggota")
    OPENING = "opening", _("Saldo awal")
    BANK = "bank", _("Mutasi bank")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ImportJob(models.Model):
    kind = models.CharField(_("jenis"), max_length=8, choices=ImportKind.choices)
    filename = models.CharField(_("nama berkas"), max_length=255)
    size = models.PositiveBigIntegerField(_("ukuran"))
    sha256 = models.CharField(max_length=64)
    options = models.JSONField(_("pilihan"), default=dict, blank=True)
    dry_run = models.BooleanField(_("uji coba"), default=False)
    content = models.BinaryField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    error = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("impor")
        verbose_name_plural = _("impor")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=JobStatus.values),
                name="importjob_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total"))
                | models.Q(progress_total=0),
                name="importjob_progress_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"
