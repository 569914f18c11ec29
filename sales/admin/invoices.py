"""Sales invoices (issue, void, record payment) and their payments."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from estama.admin_access import TreasurerOnlyWrites, treasurer_action
from sales import services
from sales.admin.base import ReadOnlyAdmin, TreasurerActionsMixin, _rp
from sales.models import (
    Invoice,
    InvoiceLine,
    Payment,
)


class InvoiceLineInline(TreasurerOnlyWrites, admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False
    fields = (
        "item",
        "description",
        "quantity",
        "unit_price",
        "discount",
        "base",
        "tax_code",
        "tax",
        "cogs",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item")

    def has_add_permission(self, request, obj=None):
        return False


class PaymentInline(TreasurerOnlyWrites, admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    fields = ("receipt_number", "date", "amount", "method", "entry")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entry")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(TreasurerActionsMixin, ReadOnlyAdmin):
    list_display = (
        "__str__",
        "date",
        "customer",
        "status",
        "total_display",
        "paid_display",
    )
    list_filter = ("status", "date", ("member", admin.EmptyFieldListFilter))
    search_fields = ("number", "customer_name", "member__number", "member__name")
    list_select_related = ("member",)
    date_hierarchy = "date"
    inlines = (InvoiceLineInline, PaymentInline)
    actions = ("issue_invoices", "void_invoices", "record_full_payment")
    readonly_fields = (
        "number",
        "date",
        "member",
        "customer_name",
        "customer_email",
        "status",
        "paid_from",
        "subtotal",
        "discount_total",
        "tax_total",
        "total",
        "amount_paid",
        "entry",
        "void_entry",
        "void_reason",
        "notes",
        "issued_at",
        "voided_at",
    )

    @admin.display(description=_("pelanggan"))
    def customer(self, obj):
        if obj.member_id:
            return f"{obj.member.number} {obj.customer_name}"
        return obj.customer_name

    @admin.display(description=_("total"))
    def total_display(self, obj):
        return _rp(obj.total)

    @admin.display(description=_("dibayar"))
    def paid_display(self, obj):
        return _rp(obj.amount_paid)

    @treasurer_action(description=_("Terbitkan faktur draf"))
    def issue_invoices(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda inv: services.invoice_issue(invoice=inv, user=request.user),
            _("%d faktur diterbitkan."),
        )

    @treasurer_action(description=_("Batalkan faktur"))
    def void_invoices(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda inv: services.invoice_void(
                invoice=inv, reason="Dibatalkan melalui admin", user=request.user
            ),
            _("%d faktur dibatalkan."),
        )

    @treasurer_action(description=_("Catat pelunasan tunai hari ini (sisa tagihan)"))
    def record_full_payment(self, request, queryset):
        today = timezone.localdate()
        self._run(
            request,
            queryset,
            lambda inv: services.payment_record(
                invoice=inv,
                amount=inv.outstanding.amount,
                method="cash",
                date=today,
                user=request.user,
            ),
            _("%d pembayaran dicatat."),
        )


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("receipt_number", "date", "invoice", "amount", "method", "entry")
    list_filter = ("method", "date")
    search_fields = ("receipt_number", "invoice__number", "invoice__customer_name")
    list_select_related = ("invoice", "entry")
