"""Losses carried in SHU tahun lalu (3-3100) and how much of them is still uncovered.

A closed year's SHU is carried into 3-3100 on 1 January of the next year. A loss stays
there, as an accumulated loss, until the RAT covers it (``LossCover``, usually from the
reserve) or a later year's profit absorbs it: a later year's distributable SHU is its
SHU minus the loss still uncovered before it, and its distribution debits 3-3100 by
that amount, bringing the account back to zero.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, Sum

from ledger.chart import account_code
from ledger.selectors import posted_lines
from reports.models import FiscalYear, LossCover
from reports.statements import signed_sums

ZERO = Decimal(0)


def _prior_balance(*, exclude_q: Q | None = None) -> Decimal:
    """Credit-positive balance of 3-3100 over all posted lines (minus ``exclude_q``)."""
    lines = posted_lines().filter(account__code=account_code("shu_prior"))
    if exclude_q is not None:
        lines = lines.exclude(exclude_q)
    row = lines.aggregate(**signed_sums())
    return (row["credit"] or ZERO) - (row["debit"] or ZERO)


def loss_uncovered_before(*, year: int) -> Decimal:
    """The accumulated loss still uncovered that a profit of ``year`` must absorb
    before any of it is distributable: 3-3100's debit balance left by the years
    before ``year`` (their carry-forwards, distributions and loss covers; the
    entries of ``year`` and later years left out). Zero when 3-3100 is in credit."""
    later = list(
        FiscalYear.objects.filter(year__gte=year).values_list(
            "carry_entry_id", "shu_entry_id"
        )
    )
    entry_ids = {pk for pair in later for pk in pair if pk is not None}
    entry_ids |= set(
        LossCover.objects.filter(fiscal_year__year__gte=year).values_list(
            "entry_id", flat=True
        )
    )
    balance = _prior_balance(exclude_q=Q(entry_id__in=entry_ids))
    return max(-balance, ZERO)


def year_loss(*, fy: FiscalYear) -> Decimal:
    """The loss a closed year carried into 3-3100 (0 for a profit or an open year)."""
    if not fy.pk or fy.carry_entry_id is None:
        return ZERO
    row = (
        posted_lines()
        .filter(entry_id=fy.carry_entry_id, account__code=account_code("shu_prior"))
        .aggregate(**signed_sums())
    )
    return max((row["debit"] or ZERO) - (row["credit"] or ZERO), ZERO)


def loss_covered(*, fy: FiscalYear) -> Decimal:
    """What the RAT has covered of the year's loss so far."""
    if not fy.pk:
        return ZERO
    total = LossCover.objects.filter(fiscal_year=fy).aggregate(total=Sum("amount"))
    return total["total"] or ZERO


def loss_remaining(*, fy: FiscalYear) -> Decimal:
    """The year's loss not yet covered nor absorbed by later profits: its loss minus
    its covers, capped at 3-3100's current debit balance (what a later year's
    distribution absorbed is no longer there to cover)."""
    loss = year_loss(fy=fy)
    if not loss:
        return ZERO
    remaining = loss - loss_covered(fy=fy)
    return max(min(remaining, -_prior_balance()), ZERO)
