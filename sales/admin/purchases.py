"""Purchases (paid from the bank by action) and expenses."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from estama.admin_access import TreasurerOnlyWrites, treasurer_action
from sales import services
from sales.admin.base import ReadOnlyAdmin, TreasurerActionsMixin
from sales.models import (
    Expense,
    Purchase,
    PurchaseLine,
    SupplierPayment,
)


class PurchaseLineInline(TreasurerOnlyWrites, admin.TabularInline):
    model = PurchaseLine
    extra = 0
    can_delete = False
    fields = ("item", "quantity", "unit_cost", "total")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item")

    def has_add_permission(self, request, obj=None):
        return False


class SupplierPaymentInline(TreasurerOnlyWrites, admin.TabularInline):
    model = SupplierPayment
    extra = 0
    can_delete = False
    fields = ("date", "amount", "paid_with", "entry")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entry")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Purchase)
class PurchaseAdmin(TreasurerActionsMixin, ReadOnlyAdmin):
    list_display = (
        "__str__",
        "date",
        "supplier",
        "paid_from",
        "status",
        "total",
        "amount_paid",
        "entry",
    )
    list_filter = ("status", "paid_from", "date")
    search_fields = ("supplier__name",)
    list_select_related = ("supplier", "entry")
    inlines = (PurchaseLineInline, SupplierPaymentInline)
    actions = ("pay_from_bank",)

    @treasurer_action(description=_("Bayar sisa utang pemasok hari ini dari bank"))
    def pay_from_bank(self, request, queryset):
        today = timezone.localdate()
        self._run(
            request,
            queryset,
            lambda p: services.purchase_pay(
                purchase=p, paid_from="bank", date=today, user=request.user
            ),
            _("%d pembelian dilunasi."),
        )


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyAdmin):
    list_display = ("date", "account", "description", "amount", "paid_from", "entry")
    list_filter = ("paid_from", "account", "date")
    search_fields = ("description",)
    list_select_related = ("account", "entry")
