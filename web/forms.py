"""Forms of the treasurer's pages: they parse and validate input only; the services
decide what the input means."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledger.currency import MAX_AMOUNT
from members.models import PaymentMethod

_RUPIAH_NOISE = re.compile(r"[\s.]|^rp", re.IGNORECASE)


class RupiahField(forms.Field):
    """A whole-rupiah amount as people type it: ``125000``, ``125.000`` or
    ``Rp 125.000`` (dots group thousands, as in Indonesia). A comma with digits after
    it (sen) is refused: rupiah are whole."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": 24})
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        cleaned = _RUPIAH_NOISE.sub("", str(value).strip()[:40])
        cleaned = re.sub(r",0+$", "", cleaned)
        if not cleaned.isdigit():
            raise forms.ValidationError(
                _("Masukkan jumlah dalam rupiah bulat, misalnya 125000 atau 125.000."),
                code="invalid",
            )
        amount = Decimal(cleaned)
        if amount <= 0:
            raise forms.ValidationError(_("Jumlah harus lebih dari nol."), code="min")
        if amount >= MAX_AMOUNT:
            raise forms.ValidationError(_("Jumlah terlalu besar."), code="max")
        return amount


class PaymentForm(forms.Form):
    """Terima pembayaran: the member comes from the page (hidden), the rest from
    the treasurer."""

    member = forms.CharField(widget=forms.HiddenInput, max_length=16)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    amount = RupiahField(label=_("Jumlah diterima (Rp)"))
    method = forms.ChoiceField(
        label=_("Cara bayar"),
        choices=PaymentMethod.choices,
        initial=PaymentMethod.CASH,
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("Tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = forms.CharField(
        label=_("Referensi (nomor transfer, catatan)"), max_length=100, required=False
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(
                _("Tanggal pembayaran tidak boleh di masa depan."), code="future"
            )
        return date


class ReceiptEmailForm(forms.Form):
    email = forms.EmailField(label=_("Kirim ke email"), required=False)
