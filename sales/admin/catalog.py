"""The catalog: products and services, created and changed through services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from estama.admin_access import TreasurerOnlyWrites
from ledger import currency as cur
from ledger.errors import DomainError
from sales import services
from sales.admin.base import _rp
from sales.models import (
    Item,
)
from sales.services.catalog import EDITABLE_FIELDS


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
class ItemAdmin(TreasurerOnlyWrites, admin.ModelAdmin):
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
