"""Arrears reminders. Invariant: at most one reminder per member per period
(UNIQUE), written in the same transaction that schedules the email on commit."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderSent(models.Model):
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="reminders"
    )
    period = models.CharField(_("periode"), max_length=7)
    email = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("pengingat tunggakan")
        verbose_name_plural = _("pengingat tunggakan")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "period"], name="reminder_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.period}"
