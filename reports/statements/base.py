"""The one row shape every statement renders from (JSON, PDF, XLSX), and the helpers
the statements share.

Signs: assets and expenses are shown debit-positive, the rest credit-positive, so contra
accounts (accumulated depreciation, sales returns) appear negative in their section.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from estama.organisation import organisation
from ledger.chart import account_code
from ledger.models import Account, AccountType
from ledger.selectors import Totals

# The ledger's one copy of the debit/credit sums, shared by every statement.
from ledger.selectors import _signed_sums as signed_sums  # noqa: F401
from reports.labels import account_label, label

ZERO = Decimal(0)

MEMBER_REVENUE_ROLES = (
    "sales_member",
    "training_member",
    "consulting_member",
    "dues_revenue",
)
PUBLIC_REVENUE_ROLES = ("sales_public", "training_public", "consulting_public")
CASH_ROLES = ("cash", "petty_cash", "bank")


@dataclass(frozen=True)
class Line:
    """One row of a statement. ``kind``: heading | account | subtotal | total."""

    key: str
    label: str
    amounts: tuple[Decimal | None, ...]
    kind: str = "account"
    code: str = ""


def _organisation() -> dict[str, str]:
    return organisation().as_dict()


@dataclass
class Statement:
    """A statement as an auditor files it: the organisation (name, legal entity
    number, address, signatories), the period, one column per period shown and one
    ``Line`` per row. ``totals`` are the first column's; ``prior_totals`` the
    comparative column's, when there is one."""

    kind: str
    title: str
    lang: str
    columns: list[str]
    lines: list[Line] = field(default_factory=list)
    totals: dict[str, Decimal] = field(default_factory=dict)
    as_of: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    prior_totals: dict[str, Decimal] = field(default_factory=dict)
    organisation: dict[str, str] = field(default_factory=_organisation)

    def heading(self, key: str) -> None:
        self.lines.append(
            Line(key, label(key, self.lang), (None,) * len(self.columns), "heading")
        )

    def account(self, account: Account, *amounts: Decimal) -> None:
        self.lines.append(
            Line(
                f"account:{account.code}",
                account_label(account, self.lang),
                tuple(amounts),
                "account",
                account.code,
            )
        )

    def total(self, key: str, *amounts: Decimal, kind: str = "total", text=None):
        if text is None and key.startswith("subtotal:"):
            # "Jumlah pendapatan usaha dari anggota", not the raw key.
            section = label(key.split(":", 1)[1], self.lang)
            text = f"{label('subtotal', self.lang)} {section[:1].lower()}{section[1:]}"
        self.lines.append(
            Line(key, text or label(key, self.lang), tuple(amounts), kind)
        )


def _leaves() -> dict[int, Account]:
    return {
        a.pk: a for a in Account.objects.filter(is_group=False).select_related("parent")
    }


def _shown(account: Account, totals: Totals) -> Decimal:
    """Debit-positive for assets and expenses, credit-positive otherwise."""
    if account.type in (AccountType.ASSET, AccountType.EXPENSE):
        return totals.net
    return -totals.net


def _unclosed_result(accounts: dict[int, Account], totals: dict[int, Totals]):
    """Revenue minus expense balances not (yet) closed into SHU tahun berjalan."""
    result = ZERO
    for account_id, value in totals.items():
        account = accounts.get(account_id)
        if account is None:
            continue
        if account.type in (AccountType.REVENUE, AccountType.EXPENSE):
            result -= value.net
    return result


def _codes(roles) -> set[str]:
    return {account_code(role) for role in roles}
