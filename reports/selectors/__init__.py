"""Reads of the reports capability: statements, fiscal years, the SHU and the cash book.

Invariants:
    - everything is computed from posted ledger lines and the maintained totals;
    - the SHU of a year is its result (revenue minus expenses, closing entries left
      out); its parts are the largest-remainder split of that result over the stored
      table, and each members' pool is the largest-remainder split over members (in
      member-number order) of their paid simpanan at year end (capital) and of their
      purchases in the year (business);
    - a member's purchases are the credit minus debit of their lines on the member
      revenue accounts and on sales returns; a negative total counts as zero;
    - the cash book never names a member: it aggregates by category only.
"""

from reports.selectors.cashbook import (
    CASHBOOK_CATEGORIES,
    Cashbook,
    CashbookMonth,
    cashbook,
    cashbook_category,
)
from reports.selectors.losses import (
    loss_covered,
    loss_remaining,
    loss_uncovered_before,
    year_loss,
)
from reports.selectors.shu import (
    PURCHASE_ROLES,
    MemberShu,
    PartAmount,
    ShuPreview,
    capital_bases,
    label_of_kind,
    member_purchases,
    part_account,
    shu_preview,
)
from reports.selectors.shu_cache import (
    MemberShuYear,
    member_shu,
    member_shu_years,
    shu_member_rows,
    shu_version,
)
from reports.selectors.years import fiscal_year_get, year_bounds
from reports.statements import (
    balance_sheet,
    cash_flow,
    equity_changes,
    income_statement,
)

__all__ = [
    "CASHBOOK_CATEGORIES",
    "PURCHASE_ROLES",
    "Cashbook",
    "CashbookMonth",
    "MemberShu",
    "MemberShuYear",
    "PartAmount",
    "ShuPreview",
    "balance_sheet",
    "capital_bases",
    "cash_flow",
    "cashbook",
    "cashbook_category",
    "equity_changes",
    "fiscal_year_get",
    "income_statement",
    "label_of_kind",
    "loss_covered",
    "loss_remaining",
    "loss_uncovered_before",
    "member_purchases",
    "member_shu",
    "member_shu_years",
    "part_account",
    "shu_member_rows",
    "shu_preview",
    "shu_version",
    "year_bounds",
    "year_loss",
]
