"""The treasurer's admin for sales: catalog, invoices, payments, purchases, expenses.

Nothing here bypasses a service: items are created and changed through
``item_create`` / ``item_update`` (stock and seats are read-only: they move only with
purchases, sales and voids); invoices are issued, voided and paid through admin actions
calling the same services as the API; posted documents are read-only and never deleted.
Lists load their related rows in the list query (``list_select_related``).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from estama.roles import Role, user_role
from ledger import currency as cur
from ledger.errors import DomainError
from sales import services
from sales.models import (
    Expense,
    Invoice,
    InvoiceLine,
    Item,
    Payment,
    Purchase,
    PurchaseLine,
    SupplierPayment,
)
from sales.services.catalog import EDITABLE_FIELDS


def _rp(money) -> str:
    return cur.format_idr(getattr(money, "amount", money))


class TreasurerActionsMixin:
    def has_treasurer_permission(self, request) -> bool:
        return user_role(request.user) == Role.TREASURER

    def _run(self, request, queryset, action, done_message):
        done = 0
        for obj in queryset.order_by("date", "id"):
            try:
                action(obj)
            except DomainError as exc:
                self.message_user(
                    request, f"{obj}: {exc.message} ({exc.code})", messages.ERROR
                )
            else:
                done += 1
        if done:
            self.message_user(request, done_message % done, messages.SUCCESS)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Items ----------------------------------------------------------------------------


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = (
            "sku",
            "name",
            "kind",
            "unit",
            "price",
            "tax_code",
            "is_active",
            "event_date",
            "seats",
        )

    def clean_sku(self):
        sku = self.cleaned_data["sku"].strip()
        others = Item.objects.filter(sku__iexact=sku).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("SKU sudah dipakai."))
        return sku

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or self.instance.kind
        if kind != "training" and (
            data.get("seats") is not None or data.get("event_date")
        ):
            raise forms.ValidationError(
                _("Hanya pelatihan yang memiliki tanggal acara dan kursi.")
            )
        seats = data.get("seats")
        if seats is not None and seats < self.instance.seats_sold:
            raise forms.ValidationError(_("Kursi lebih sedikit dari yang terjual."))
        return data

    def clean_price(self):
        price = self.cleaned_data["price"]
        if price is not None and (
            price.amount < 0
            or price.amount >= cur.MAX_AMOUNT
            or not cur.is_exact(price.amount, str(price.currency))
        ):
            raise forms.ValidationError(_("Harga harus rupiah bulat, tidak negatif."))
        return price


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    form = ItemForm
    list_display = (
        "sku",
        "name",
        "kind",
        "price_display",
        "tax_code",
        "stock_qty",
        "stock_value_display",
        "average_cost",
        "seats_display",
        "is_active",
    )
    list_filter = ("kind", "tax_code", "is_active")
    search_fields = ("sku", "name")
    readonly_fields = (
        "stock_qty",
        "stock_value",
        "average_cost",
        "last_unit_cost",
        "seats_sold",
    )

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(self.readonly_fields)
        return (*fields, "sku", "kind") if obj is not None else fields

    @admin.display(description=_("harga"))
    def price_display(self, obj):
        return _rp(obj.price)

    @admin.display(description=_("nilai stok"))
    def stock_value_display(self, obj):
        return _rp(obj.stock_value)

    @admin.display(description=_("kursi"))
    def seats_display(self, obj):
        return "" if obj.seats is None else f"{obj.seats_sold}/{obj.seats}"

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if change:
                changes = {
                    name: data[name]
                    for name in form.changed_data
                    if name in EDITABLE_FIELDS
                }
                if "price" in changes:
                    changes["price"] = changes["price"].amount
                item = services.item_update(
                    item=obj, changes=changes, user=request.user
                )
            else:
                item = services.item_create(
                    sku=data["sku"],
                    name=data["name"],
                    kind=data["kind"],
                    price=data["price"].amount,
                    currency=str(data["price"].currency),
                    tax_code=data["tax_code"],
                    unit=data["unit"],
                    event_date=data.get("event_date"),
                    seats=data.get("seats"),
                    user=request.user,
                )
        except DomainError as exc:
            self.message_user(request, f"{exc.message} ({exc.code})", messages.ERROR)
            return
        obj.pk = item.pk

    def has_delete_permission(self, request, obj=None):
        return False


# --- Invoices -------------------------------------------------------------------------


class InvoiceLineInline(admin.TabularInline):
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


class PaymentInline(admin.TabularInline):
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

    @admin.action(description=_("Terbitkan faktur draf"), permissions=["treasurer"])
    def issue_invoices(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda inv: services.invoice_issue(invoice=inv, user=request.user),
            _("%d faktur diterbitkan."),
        )

    @admin.action(description=_("Batalkan faktur"), permissions=["treasurer"])
    def void_invoices(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda inv: services.invoice_void(
                invoice=inv, reason="Dibatalkan melalui admin", user=request.user
            ),
            _("%d faktur dibatalkan."),
        )

    @admin.action(
        description=_("Catat pelunasan tunai hari ini (sisa tagihan)"),
        permissions=["treasurer"],
    )
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


# --- Purchases and expenses -----------------------------------------------------------


class PurchaseLineInline(admin.TabularInline):
    model = PurchaseLine
    extra = 0
    can_delete = False
    fields = ("item", "quantity", "unit_cost", "total")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item")

    def has_add_permission(self, request, obj=None):
        return False


class SupplierPaymentInline(admin.TabularInline):
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

    @admin.action(
        description=_("Bayar sisa utang pemasok hari ini dari bank"),
        permissions=["treasurer"],
    )
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
