"""Query filters of the sales lists (django-filter; bad values answer 400)."""

from __future__ import annotations

import django_filters
from django import forms

from sales.models import (
    Expense,
    Invoice,
    InvoiceStatus,
    Payment,
    Purchase,
    PurchaseStatus,
)


class InvoiceFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=InvoiceStatus.choices)
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    member = django_filters.CharFilter(field_name="member__number")
    number = django_filters.CharFilter(field_name="number")

    class Meta:
        model = Invoice
        fields = ["status", "date_from", "date_to", "member", "number"]


class IdFilter(django_filters.NumberFilter):
    """A whole, positive id within what every database can compare (a 20-digit
    number would overflow SQLite's integer and answer 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**62)
        super().__init__(*args, **kwargs)


class PaymentFilter(django_filters.FilterSet):
    invoice = IdFilter(field_name="invoice_id")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Payment
        fields = ["invoice", "date_from", "date_to"]


class PurchaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=PurchaseStatus.choices)
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Purchase
        fields = ["status", "date_from", "date_to"]


class ExpenseFilter(django_filters.FilterSet):
    account = django_filters.CharFilter(field_name="account__code")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Expense
        fields = ["account", "date_from", "date_to"]
