"""Status history and resignations.

Invariants:
    - history rows are only ever added: every status change of a member leaves one
      ``MemberStatusChange`` (from, to, reason, who, when);
    - a member has at most one resignation that is not finished (requested or
      approved); a resignation moves requested -> approved -> paid, its refund is fixed
      at approval and the approval and payout entries are posted ledger entries.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import money_field
from .members import LeftReason


class MemberStatusChange(models.Model):
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="status_changes"
    )
    from_status = models.CharField(_("dari"), max_length=10, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=10)
    reason = models.CharField(_("alasan"), max_length=255, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["member", "id"]
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")

    def __str__(self) -> str:
        return f"{self.member_id}: {self.from_status} -> {self.to_status}"


class ResignationStatus(models.TextChoices):
    REQUESTED = "requested", _("Diajukan")
    APPROVED = "approved", _("Disetujui")
    PAID = "paid", _("Dibayar")


class Resignation(models.Model):
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="resignations"
    )
    kind = models.CharField(
        _("jenis"),
        max_length=10,
        choices=LeftReason.choices,
        default=LeftReason.RESIGNED,
    )
    reason = models.CharField(_("alasan"), max_length=255)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ResignationStatus.choices,
        default=ResignationStatus.REQUESTED,
    )
    requested_on = models.DateField(_("tanggal pengajuan"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField(_("tanggal persetujuan"), null=True, blank=True)
    capital = money_field(_("simpanan pokok + wajib"), null=True, blank=True)
    deductions = money_field(_("potongan"), null=True, blank=True)
    refund = money_field(_("pengembalian"), null=True, blank=True)
    approval_entry = models.ForeignKey(
        "ledger.JournalEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    paid_on = models.DateField(_("tanggal dibayar"), null=True, blank=True)
    payout_entry = models.ForeignKey(
        "ledger.JournalEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("pengunduran diri")
        verbose_name_plural = _("pengunduran diri")
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=~models.Q(status="paid"),
                name="resignation_one_open_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.status}"
