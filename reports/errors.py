"""Errors of the reports capability (statements, year end, SHU, exports).

Each carries a stable snake_case ``code``; ``kind`` tells the interface the sort of
failure (``invalid`` -> 400, ``conflict`` -> 409, ``not_found`` -> 404).
"""

from __future__ import annotations

from ledger.errors import DomainError


class InvalidAllocation(DomainError):
    code = "invalid_allocation"
    default_message = "The allocation cannot be computed."


class NothingToAllocate(DomainError):
    """A non-zero total was to be split over weights that are all zero."""

    code = "nothing_to_allocate"
    kind = "conflict"
    default_message = "There is nothing to split the amount over."


class ShuAllocationNot100(DomainError):
    code = "shu_allocation_not_100"
    default_message = "The SHU allocation parts must add up to exactly 100%."


class InvalidShuAllocation(DomainError):
    code = "invalid_shu_allocation"
    default_message = "The SHU allocation table is not valid."


class ShuAllocationMissing(DomainError):
    code = "shu_allocation_missing"
    kind = "conflict"
    default_message = "No SHU allocation table is stored for this year."


class ShuAlreadyDistributed(DomainError):
    code = "shu_already_distributed"
    kind = "conflict"
    default_message = "The SHU of this year has already been distributed."


class ShuNotDistributed(DomainError):
    code = "shu_not_distributed"
    kind = "conflict"
    default_message = "The SHU of this year has not been distributed yet."


class ShuAlreadyPaid(DomainError):
    code = "shu_already_paid"
    kind = "conflict"
    default_message = "The members' SHU of this year has already been paid out."


class ShuNotPositive(DomainError):
    code = "shu_not_positive"
    kind = "conflict"
    default_message = "There is no surplus to distribute."


class YearNotClosed(DomainError):
    code = "year_not_closed"
    kind = "conflict"
    default_message = "The fiscal year is not closed."


class YearAlreadyClosed(DomainError):
    code = "year_already_closed"
    kind = "conflict"
    default_message = "The fiscal year is already closed."


class YearCloseOutOfOrder(DomainError):
    code = "year_close_out_of_order"
    kind = "conflict"
    default_message = "Close the earlier years first."


class LaterYearClosed(DomainError):
    code = "later_year_closed"
    kind = "conflict"
    default_message = "Reopen the later closed years first."


class InvalidYear(DomainError):
    code = "invalid_year"
    default_message = "The year is not valid."


class ReasonRequired(DomainError):
    code = "reason_required"
    default_message = "A reason is required."


class YearNotEnded(DomainError):
    code = "year_not_ended"
    kind = "conflict"
    default_message = "The fiscal year has not ended yet (31 December, Asia/Jakarta)."


class NoLossToCover(DomainError):
    code = "no_loss_to_cover"
    kind = "conflict"
    default_message = "There is no uncovered loss of this year to cover."


class InvalidLossCover(DomainError):
    code = "invalid_loss_cover"
    default_message = "The loss cannot be covered from this account or amount."


class LossAlreadyCovered(DomainError):
    code = "loss_already_covered"
    kind = "conflict"
    default_message = "The year's loss has been (partly) covered; it cannot reopen."
