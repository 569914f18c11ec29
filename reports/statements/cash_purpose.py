"""What each rupiah of cash was for: the one classification behind the cash flow
statement and the members' cash book.

Rules (DOMAIN.md "Cash flow"):
    - every entry that moves cash or bank is read from its non-cash lines; a line's
      credit minus debit is the cash it brought in (negative: paid out), and the
      lines are summed per *purpose*, so the non-cash halves of an entry cancel
      inside their purpose (cost of goods against stock, both "suppliers") and VAT
      splits stay with what they were charged on (output VAT with sales, input VAT
      with purchases);
    - a payment that settles members' open items takes the kind of each item it
      settles, read from its allocations: simpanan pokok and wajib are financing,
      iuran operating; member credit used by the payment pays the oldest settled
      items first (as the payment service applies it) and is not cash. Each
      allocation stands in for the line it credited, which is taken out of that
      line's account so the rupiah is counted once: 1-1310 for an item accrued when
      paid (iuran; simpanan billed before capital followed cash and paid before its
      ``unaccrual_entry``), else the item's capital account (3-1100/3-1200 or the
      liability twins). An allocation whose account has no line in the entry is
      left to the lines;
    - simpanan sukarela and member credit in and out, refunds to leaving members,
      SHU paid to members and every other equity account are financing; fixed
      assets (1-2xxx) investing; everything else in the ordinary course operating;
    - transfers between cash accounts have no non-cash line and move nothing.
The purposes add up, per entry, to exactly its cash movement, so opening cash plus the
net change always equals closing cash.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ledger.chart import account_code
from ledger.models import Account, AccountType
from ledger.selectors import posted_lines
from members.accounts import CAPITAL_LIABILITY, MEMBER_CREDIT
from members.models import Allocation
from reports.statements.base import signed_sums

ZERO = Decimal(0)

#: (purpose, category) in the order the statement shows them.
PURPOSES: tuple[tuple[str, str], ...] = (
    ("receipts_sales", "operating"),
    ("receipts_dues", "operating"),
    ("payments_suppliers", "operating"),
    ("payments_expenses", "operating"),
    ("payments_taxes", "operating"),
    ("payments_funds", "operating"),
    ("other_operating", "operating"),
    ("fixed_assets", "investing"),
    ("simpanan_pokok", "financing"),
    ("simpanan_wajib", "financing"),
    ("simpanan_sukarela", "financing"),
    ("member_refunds", "financing"),
    ("shu_paid", "financing"),
    ("equity_other", "financing"),
)
CATEGORY = dict(PURPOSES)
#: Open item kinds (members.models.ItemKind) and the purpose of settling them.
ITEM_PURPOSE = {
    "pokok": "simpanan_pokok",
    "wajib": "simpanan_wajib",
    "iuran": "receipts_dues",
}

_ROLE_PURPOSE = {
    "trade_receivable": "receipts_sales",
    "member_other_receivable": "receipts_sales",
    "unearned_revenue": "receipts_sales",
    "output_vat": "receipts_sales",
    "sales_returns": "receipts_sales",
    "dues_revenue": "receipts_dues",
    "member_receivable": "receipts_dues",
    "inventory": "payments_suppliers",
    "input_vat": "payments_suppliers",
    "trade_payable": "payments_suppliers",
    "pokok": "simpanan_pokok",
    "wajib": "simpanan_wajib",
    "sukarela": "simpanan_sukarela",
    "leaving_member_payable": "member_refunds",
    "shu_member_payable": "shu_paid",
    "other_income": "other_operating",
}
_CODE_PURPOSE = {
    CAPITAL_LIABILITY["pokok"]: "simpanan_pokok",
    CAPITAL_LIABILITY["wajib"]: "simpanan_wajib",
    MEMBER_CREDIT: "simpanan_sukarela",
    "2-1610": "payments_taxes",
    "2-1700": "payments_taxes",
    "6-9100": "payments_taxes",
    "1-1600": "payments_expenses",
    "1-1390": "payments_expenses",
}


def cash_purpose(account: Account) -> str:
    """The purpose of cash moving against ``account`` (one line of ``PURPOSES``)."""
    code = account.code
    for role, purpose in _ROLE_PURPOSE.items():
        if account_code(role) == code:
            return purpose
    if code in _CODE_PURPOSE:
        return _CODE_PURPOSE[code]
    if code.startswith("1-2"):
        return "fixed_assets"
    if code.startswith("2-14"):
        return "payments_funds"
    if account.type == AccountType.EQUITY:
        return "equity_other"
    if account.type == AccountType.REVENUE:
        return "receipts_sales" if code.startswith("4-1") else "other_operating"
    if account.type == AccountType.EXPENSE:
        return "payments_suppliers" if code.startswith("5") else "payments_expenses"
    return "other_operating"


@dataclass(frozen=True)
class CashMovement:
    """Cash one entry moved for one purpose (positive in, negative out)."""

    date: dt.date
    purpose: str
    amount: Decimal

    @property
    def category(self) -> str:
        return CATEGORY[self.purpose]


@dataclass(frozen=True)
class Settled:
    """Part of one open item a cash entry settled, and the account it credited."""

    kind: str
    amount: Decimal
    code: str


def _credited_code(
    *, entry_id: int, item_entry_id, unaccrual_id, account: str, receivable: str
) -> str:
    """The account a settlement of an item credited (``members.services.settlement``):
    1-1310 while the item was accrued (billed through the ledger and not yet
    unaccrued; entries are numbered in posting order), else its own account."""
    accrued = item_entry_id is not None and (
        unaccrual_id is None or entry_id < unaccrual_id
    )
    return receivable if accrued else account


def _settled_items(entry_ids, receivable: str) -> dict[int, list[Settled]]:
    """Per entry, what it settled of members' open items, in settling order."""
    rows = (
        Allocation.objects.filter(entry_id__in=entry_ids)
        .order_by("id")
        .values_list(
            "entry_id",
            "item__kind",
            "amount",
            "item__account_code",
            "item__entry_id",
            "item__unaccrual_entry_id",
        )
    )
    settled: dict[int, list[Settled]] = defaultdict(list)
    for entry_id, kind, amount, account, item_entry_id, unaccrual_id in rows:
        code = _credited_code(
            entry_id=entry_id,
            item_entry_id=item_entry_id,
            unaccrual_id=unaccrual_id,
            account=account,
            receivable=receivable,
        )
        settled[entry_id].append(Settled(kind, amount, code))
    return settled


def _entry_purposes(lines, settled: list[Settled], accounts) -> dict[str, Decimal]:
    """One entry's cash per purpose from its non-cash lines (see the module rules)."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    codes = {accounts[row["account_id"]].code for row in lines}
    settled = [part for part in settled if part.code in codes]
    credit_used = ZERO
    if settled:
        credit_used = sum(
            (
                row["debit"]
                for row in lines
                if accounts[row["account_id"]].code == MEMBER_CREDIT
            ),
            ZERO,
        )
    to_consume = credit_used
    settled_on: dict[str, Decimal] = defaultdict(Decimal)
    for part in settled:
        taken = min(part.amount, to_consume)
        to_consume -= taken
        settled_on[part.code] += part.amount
        out[ITEM_PURPOSE.get(part.kind, "receipts_dues")] += part.amount - taken
    consumed = credit_used - to_consume
    for row in lines:
        account = accounts[row["account_id"]]
        # what the allocations stand for is taken out of the line they credited
        amount = row["credit"] - row["debit"] - settled_on.pop(account.code, ZERO)
        if account.code == MEMBER_CREDIT:
            amount += consumed  # credit applied to items is not cash
        if amount:
            out[cash_purpose(account)] += amount
    return out


def cash_movements(
    *, start: dt.date, end: dt.date, cash_ids: list[int], accounts: dict[int, Account]
) -> list[CashMovement]:
    """Cash moved in the range per entry and purpose (three queries whatever the
    number of entries): what the cash flow statement and the cash book sum."""
    in_range = posted_lines().filter(entry__date__gte=start, entry__date__lte=end)
    cash_entries = in_range.filter(account_id__in=cash_ids).values("entry_id")
    rows = (
        in_range.filter(entry_id__in=cash_entries)
        .exclude(account_id__in=cash_ids)
        .values("entry_id", "entry__date", "account_id")
        .annotate(**signed_sums())
        .order_by("entry_id", "account_id")
    )
    by_entry: dict[int, list[dict]] = defaultdict(list)
    dates: dict[int, dt.date] = {}
    for row in rows:
        by_entry[row["entry_id"]].append(row)
        dates[row["entry_id"]] = row["entry__date"]
    settled = _settled_items(cash_entries, account_code("member_receivable"))
    movements = []
    for entry_id, lines in by_entry.items():
        purposes = _entry_purposes(lines, settled.get(entry_id, []), accounts)
        for purpose, amount in purposes.items():
            if amount:
                movements.append(CashMovement(dates[entry_id], purpose, amount))
    return movements
