"""Member payments, simpanan sukarela movements and resignations (pay-out)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from estama.admin_access import TreasurerOnlyWrites, treasurer_action
from ledger.errors import DomainError
from members import services
from members.admin.actions import ReadOnlyMixin
from members.models import (
    Payment,
    Resignation,
    ResignationStatus,
    ShareTransaction,
)


@admin.register(Payment)
class PaymentAdmin(TreasurerOnlyWrites, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("number", "date", "member", "amount", "method", "receipt")
    search_fields = ("number", "member__number", "member__name", "reference")
    list_filter = ("method",)
    list_select_related = ("member",)

    @admin.display(description=_("kuitansi"))
    def receipt(self, obj):
        return format_html(
            '<a href="/api/v1/payments/{}/receipt.pdf">PDF</a>', obj.number
        )


@admin.register(ShareTransaction)
class ShareTransactionAdmin(TreasurerOnlyWrites, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("date", "member", "direction", "amount", "method")
    list_filter = ("direction",)
    search_fields = ("member__number", "member__name")
    list_select_related = ("member",)


@admin.register(Resignation)
class ResignationAdmin(TreasurerOnlyWrites, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("member", "kind", "status", "requested_on", "refund", "paid_on")
    list_filter = ("status", "kind")
    list_select_related = ("member",)
    actions = ("pay_out",)

    @treasurer_action(description=_("Bayar pengembalian (tunai)"))
    def pay_out(self, request, queryset):
        for resignation in queryset.filter(status=ResignationStatus.APPROVED):
            try:
                services.resignation_pay_out(
                    member=resignation.member, method="cash", user=request.user
                )
            except DomainError as exc:
                self.message_user(request, exc.message, messages.WARNING)
