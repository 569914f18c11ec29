"""Everyday expenses: Dr a postable expense account [+ Dr 1-1500 PPN Masukan for its
input VAT], Cr cash or bank (``source=EntrySource.EXPENSES``). Stock-related accounts
are refused so that the stock valuation only moves with purchases and sales."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.errors import InvalidAccount, InvalidAmount, InvalidLine
from ledger.models import Account, AccountType, EntrySource
from ledger.services import LineInput, entry_post
from sales.models import Expense, PaidFrom, TaxCode
from sales.services.tax import line_tax


def expense_record(
    *,
    date: dt.date,
    account: str,
    amount: Decimal,
    paid_from: str,
    description: str,
    attachment=None,
    tax_code: str = TaxCode.NONE,
    user=None,
) -> Expense:
    """Record an expense paid from cash or bank.

    Args:
        account: the code of a postable expense account (e.g. ``6-1200``); cost of
            goods sold is refused (it moves only with sales).
        amount: positive whole rupiah, VAT excluded.
        tax_code: the tax code of the supplier's tax invoice (``none`` by default);
            its VAT (``tax.line_tax`` on the amount) is debited to 1-1500 and paid
            together with the amount.
        paid_from: ``cash`` or ``bank``.
        description: what it was for.
        attachment: an optional uploaded file (receipt scan).

    Returns:
        The expense with its posted entry.

    Raises:
        InvalidAccount, InvalidAmount, InvalidLine, InvalidDate, PeriodLocked.
    """
    acc = Account.objects.filter(code=account).first()
    if (
        acc is None
        or acc.type != AccountType.EXPENSE
        or not acc.is_postable
        or acc.code == account_code("cogs")
    ):
        raise InvalidAccount(
            "Akun harus akun beban yang dapat diposting.",
            errors={"account": [f"{account!r} is not a postable expense account."]},
        )
    if (
        amount <= 0
        or not cur.is_exact(amount, acc.currency)
        or amount >= cur.MAX_AMOUNT
    ):
        raise InvalidAmount(
            "Jumlah harus rupiah bulat lebih dari nol.",
            errors={"amount": ["Give a positive whole amount."]},
        )
    if paid_from not in PaidFrom.values:
        raise InvalidLine(
            "Sumber pembayaran tidak dikenal.",
            errors={"paid_from": ["Use cash or bank."]},
        )
    if tax_code not in TaxCode.values:
        raise InvalidLine(
            "Kode pajak tidak dikenal.",
            errors={"tax_code": [f"Use one of {', '.join(TaxCode.values)}."]},
        )
    tax = line_tax(base=amount, tax_code=tax_code, currency=acc.currency)
    description = (description or "").strip()
    if not description:
        raise InvalidLine("Uraian wajib diisi.", errors={"description": ["Required."]})
    with transaction.atomic():
        entry = entry_post(
            date=date,
            description=description[:255],
            lines=[
                LineInput(account=acc, debit=amount, memo=description[:100]),
                *(
                    [LineInput(account=account_code("input_vat"), debit=tax)]
                    if tax
                    else []
                ),
                LineInput(account=account_code(paid_from), credit=amount + tax),
            ],
            source=EntrySource.EXPENSES,
            user=user,
        )
        expense = Expense(
            date=date,
            account=acc,
            amount=Money(amount, acc.currency),
            tax_code=tax_code,
            tax=Money(tax, acc.currency),
            paid_from=paid_from,
            description=description[:255],
            entry=entry,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        if attachment is not None:
            expense.attachment = attachment
        expense.save()
        audit_record(
            actor=user,
            action="expense.recorded",
            target=expense,
            after={
                "account": acc.code,
                "amount": cur.plain(amount),
                "tax": cur.plain(tax),
                "entry": entry.number,
            },
        )
    return expense
