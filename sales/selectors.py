"""Reads of the sales capability: lists for the API and admin, members' purchases for
the SHU and statements, and the stock valuation that must equal Persediaan (1-1400).

Member purchases = the net (after discount, before VAT) base of the lines of a
member's issued, partially paid or paid invoices dated in the year; void invoices and
drafts never count.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum

from estama.roles import Role, user_member, user_role
from ledger.chart import account_code
from ledger.models import Account
from ledger.selectors import totals_as_of
from sales.models import (
    CreditNoteLine,
    Expense,
    Invoice,
    InvoiceLine,
    Item,
    Payment,
    Purchase,
    PurchaseLine,
    SupplierPayment,
)
from sales.models.invoices import SOLD_STATUSES

ZERO = Decimal(0)
FAR_FUTURE = dt.date(2999, 12, 31)


def item_list() -> QuerySet[Item]:
    return Item.objects.order_by("sku")


def invoices_visible_to(user) -> QuerySet[Invoice]:
    """Invoices ``user`` may read: all for treasurer and auditor, a member's own."""
    qs = Invoice.objects.select_related("member", "entry", "void_entry")
    if user_role(user) == Role.MEMBER:
        member = user_member(user)
        return qs.filter(member=member) if member else qs.none()
    return qs


def invoice_list(*, user) -> QuerySet[Invoice]:
    return invoices_visible_to(user).prefetch_related(
        Prefetch("lines", queryset=InvoiceLine.objects.select_related("item"))
    )


def payments_visible_to(user) -> QuerySet[Payment]:
    qs = Payment.objects.select_related("invoice", "invoice__member", "entry")
    if user_role(user) == Role.MEMBER:
        member = user_member(user)
        return qs.filter(invoice__member=member) if member else qs.none()
    return qs


def purchase_list() -> QuerySet[Purchase]:
    return Purchase.objects.select_related("supplier", "entry").prefetch_related(
        Prefetch("lines", queryset=PurchaseLine.objects.select_related("item")),
        Prefetch("payments", queryset=SupplierPayment.objects.select_related("entry")),
    )


def expense_list() -> QuerySet[Expense]:
    return Expense.objects.select_related("account", "entry")


def _sold_lines(year: int) -> QuerySet[InvoiceLine]:
    return InvoiceLine.objects.filter(
        invoice__status__in=SOLD_STATUSES,
        invoice__member__isnull=False,
        invoice__date__year=year,
    )


def _returns(year: int):
    """Credit note lines dated in ``year`` on members' invoices."""
    return CreditNoteLine.objects.filter(
        credit_note__date__year=year, credit_note__invoice__member__isnull=False
    )


def member_purchases(*, year: int) -> dict[int, Decimal]:
    """Each member's purchases in ``year`` (member id -> net amount, VAT excluded,
    returns on credit notes of the year deducted, floor 0), the basis of the SHU
    business share (jasa usaha). Members without purchases are absent."""
    totals: dict[int, Decimal] = {}
    rows = (
        _sold_lines(year)
        .values("invoice__member_id")
        .annotate(total=Sum("base"))
        .order_by("invoice__member_id")
    )
    for row in rows:
        totals[row["invoice__member_id"]] = row["total"] or ZERO
    returned = (
        _returns(year)
        .values("credit_note__invoice__member_id")
        .annotate(total=Sum("base"))
        .order_by()
    )
    for row in returned:
        member_id = row["credit_note__invoice__member_id"]
        totals[member_id] = totals.get(member_id, ZERO) - (row["total"] or ZERO)
    return {pk: max(total, ZERO) for pk, total in totals.items() if total > 0}


def member_purchases_for(*, member, year: int) -> Decimal:
    """One member's purchases in ``year`` (net of VAT, discounts and returns)."""
    total = (
        _sold_lines(year).filter(invoice__member=member).aggregate(total=Sum("base"))
    )["total"] or ZERO
    returned = (
        _returns(year)
        .filter(credit_note__invoice__member=member)
        .aggregate(total=Sum("base"))
    )["total"] or ZERO
    return max(total - returned, ZERO)


def stock_valuation() -> Decimal:
    """The sum of every item's stock value (whole rupiah)."""
    return Item.objects.aggregate(total=Sum("stock_value"))["total"] or ZERO


def inventory_balance(*, as_of: dt.date = FAR_FUTURE) -> Decimal:
    """The balance of Persediaan (1-1400) in the ledger."""
    account = Account.objects.get(code=account_code("inventory"))
    totals = totals_as_of(as_of=as_of, account_ids=[account.pk]).get(account.pk)
    return totals.net if totals else ZERO
