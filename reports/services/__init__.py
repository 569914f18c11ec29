"""Writes of the reports capability: closing and reopening a year, the SHU table, its
distribution and its pay-out.

Invariants:
    - each service is one ``transaction.atomic()`` and locks the ``FiscalYear`` row
      first, so two closes (or two distributions) of one year cannot both happen;
    - every money movement is one balanced entry through ``ledger.services.entry_post``
      with ``source=`` set; member lines carry ``member=``;
    - years close in order (every earlier year with postings closed first) and reopen
      in reverse order; reopening reverses the closing entry on 31 December of that
      year and unlocks its twelve months; a year whose SHU was distributed is never
      reopened;
    - the SHU is distributed once, after the year is closed, dated after the year;
      members' SHU is paid out once, clearing what the distribution credited each
      member on 2-1400 (capped at their current balance there).
Every state change is written to the audit trail in the same transaction.
"""

from reports.services.distribution import shu_distribute, shu_pay_out
from reports.services.losses import shu_loss_cover
from reports.services.table import (
    FUND_ACCOUNTS,
    FUND_DEFAULTS,
    MAX_PARTS,
    shu_allocation_set,
)
from reports.services.years import (
    MAX_YEAR,
    MIN_YEAR,
    year_check,
    year_close,
    year_ended,
    year_reopen,
)

__all__ = [
    "FUND_ACCOUNTS",
    "FUND_DEFAULTS",
    "MAX_PARTS",
    "MAX_YEAR",
    "MIN_YEAR",
    "shu_allocation_set",
    "shu_distribute",
    "shu_loss_cover",
    "shu_pay_out",
    "year_check",
    "year_close",
    "year_ended",
    "year_reopen",
]
