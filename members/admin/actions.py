"""What the members admins share: read-only screens and action forms.

An action first shows an intermediate form; the service runs when it is submitted.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledger.errors import DomainError
from members.models import (
    PaymentMethod,
)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _action_form(modeladmin, request, queryset, *, form_class, title, action, apply):
    """Render an intermediate form for an action; on submit call ``apply(form)``."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        try:
            apply(form.cleaned_data)
        except DomainError as exc:
            modeladmin.message_user(request, exc.message, messages.ERROR)
        return None
    return TemplateResponse(
        request,
        "members/admin/action_form.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "objects": list(queryset[:20]),
            "action": action,
            "opts": modeladmin.model._meta,
        },
    )


class PeriodForm(forms.Form):
    period = forms.RegexField(
        label=_("Periode (YYYY-MM)"), regex=r"^\d{4}-\d{2}$", max_length=7
    )


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Jumlah (Rp)"), min_value=1, decimal_places=0)
    method = forms.ChoiceField(label=_("Cara bayar"), choices=PaymentMethod.choices)
    date = forms.DateField(label=_("Tanggal"), initial=timezone.localdate)
    reference = forms.CharField(label=_("Referensi"), required=False, max_length=100)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=255)


class DateForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), initial=timezone.localdate)
