"""The monthly VAT position (SPT Masa PPN): output VAT, input VAT and what to pay or
carry (PPN kurang / lebih bayar).

Read from the ledger's maintained monthly totals (one query whatever the volume):
    output VAT of a month = credits - debits on 2-1600 PPN Keluaran (sales, less
        credit notes dated in the month);
    input VAT of a month  = debits - credits on 1-1500 PPN Masukan (purchases and
        expenses with a tax code).
Months are settled in order from the first month with VAT: a month's balance is its
output VAT - its input VAT - the excess carried in from the month before. A positive
balance is to be paid (kurang bayar) and nothing is carried on; a negative one is
carried to the next month (lebih bayar, kompensasi), as the VAT law lets a
business that claims no refund do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ledger.chart import account_code
from ledger.models import Account, AccountPeriodTotal

ZERO = Decimal(0)


@dataclass(frozen=True)
class VatPosition:
    year: int
    month: int
    output_vat: Decimal
    input_vat: Decimal
    carried_in: Decimal
    balance: Decimal  # output - input - carried in
    to_pay: Decimal  # kurang bayar
    carry_forward: Decimal  # lebih bayar, to the next month

    @property
    def status(self) -> str:
        if self.to_pay:
            return "kurang_bayar"
        if self.carry_forward:
            return "lebih_bayar"
        return "nihil"


def vat_report(*, year: int, month: int) -> VatPosition:
    """The VAT position of ``year``-``month`` (see the module docstring)."""
    codes = {account_code("output_vat"): "out", account_code("input_vat"): "in"}
    accounts = dict(Account.objects.filter(code__in=codes).values_list("pk", "code"))
    rows = AccountPeriodTotal.objects.filter(
        account_id__in=list(accounts), year__lte=year
    ).values_list("account_id", "year", "month", "debit", "credit")
    months: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(
        lambda: {"out": ZERO, "in": ZERO}
    )
    for account_id, y, m, debit, credit in rows:
        if (y, m) > (year, month):
            continue
        side = codes[accounts[account_id]]
        months[(y, m)][side] += credit - debit if side == "out" else debit - credit
    carry = ZERO
    position = VatPosition(year, month, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO)
    for key in sorted({*months, (year, month)}):
        amounts = months.get(key, {"out": ZERO, "in": ZERO})
        balance = amounts["out"] - amounts["in"] - carry
        position = VatPosition(
            year=key[0],
            month=key[1],
            output_vat=amounts["out"],
            input_vat=amounts["in"],
            carried_in=carry,
            balance=balance,
            to_pay=max(balance, ZERO),
            carry_forward=max(-balance, ZERO),
        )
        carry = position.carry_forward
    return position
