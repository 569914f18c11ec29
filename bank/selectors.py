"""Reads of the bank app."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from bank.models import BankLine, BankLineMatch


def bank_lines(*, status: str = "", account: str = "") -> QuerySet[BankLine]:
    """Bank lines with what a list shows (suggestion, matches) in a constant number
    of queries; filtered by status and by the ledger code of the bank account."""
    lines = BankLine.objects.select_related(
        "bank_account__account", "suggested_member", "suggested_invoice"
    ).prefetch_related(
        Prefetch(
            "matches",
            queryset=BankLineMatch.objects.select_related(
                "member",
                "invoice",
                "account",
                "entry",
                "member_payment",
                "sales_payment",
            ),
        )
    )
    if status:
        lines = lines.filter(status=status)
    if account:
        lines = lines.filter(bank_account__account__code=account)
    return lines.order_by("date", "statement_id", "line_no")
