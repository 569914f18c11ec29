"""Financial statements computed from the ledger only.

Invariants:
    - every amount comes from ``ledger.selectors`` totals (maintained per-month totals
      plus at most one month of lines) or, for the cash flow, from the posted lines of
      the requested range; no statement scans the whole ledger;
    - the balance sheet balances as of any date: the unclosed result (revenue minus
      expense balances not yet closed) is shown inside SHU tahun berjalan (3-3200);
    - the income statement of a range ignores closing entries (and their reversals), so
      a closed year shows the same result as before it was closed, and that result is
      the change in SHU tahun berjalan made by the closing entry;
    - the cash flow's opening plus its net change equals its closing cash and bank
      balance (accounts cash, petty cash and bank).
Signs: assets and expenses are shown debit-positive, the rest credit-positive, so contra
accounts (accumulated depreciation, sales returns) appear negative in their section.
"""

from reports.statements.balance import balance_sheet
from reports.statements.base import (
    CASH_ROLES,
    MEMBER_REVENUE_ROLES,
    PUBLIC_REVENUE_ROLES,
    ZERO,
    Line,
    Statement,
    signed_sums,
)
from reports.statements.cash_purpose import (
    PURPOSES,
    CashMovement,
    cash_movements,
    cash_purpose,
)
from reports.statements.cashflow import (
    cash_account_ids,
    cash_balance,
    cash_flow,
)
from reports.statements.equity import equity_changes
from reports.statements.income import income_statement, operating_totals, result_between

__all__ = [
    "CASH_ROLES",
    "MEMBER_REVENUE_ROLES",
    "PUBLIC_REVENUE_ROLES",
    "ZERO",
    "Line",
    "Statement",
    "balance_sheet",
    "cash_account_ids",
    "cash_balance",
    "cash_flow",
    "cash_movements",
    "cash_purpose",
    "CashMovement",
    "PURPOSES",
    "equity_changes",
    "income_statement",
    "operating_totals",
    "result_between",
    "signed_sums",
]
