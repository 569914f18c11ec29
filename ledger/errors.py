"""Domain errors with stable machine-readable codes.

Services raise these; interfaces map them to their medium (HTTP status in
``api/exceptions.py``, exit codes in commands). ``kind`` tells an interface what sort of
failure it is without the domain knowing about HTTP.
"""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the operation. Nothing was written."""

    code = "invalid"
    kind = "invalid"  # invalid | conflict | not_found | forbidden
    default_message = "The operation was refused."

    def __init__(
        self, message: str | None = None, *, errors: dict[str, list[str]] | None = None
    ):
        self.message = message or self.default_message
        self.errors = errors or {}
        super().__init__(self.message)


class InvalidAmount(DomainError):
    code = "invalid_amount"
    default_message = "An amount is not valid."


class InvalidLine(DomainError):
    code = "invalid_line"
    default_message = "A journal line is not valid."


class TooFewLines(DomainError):
    code = "too_few_lines"
    default_message = "A journal entry needs at least two lines."


class UnbalancedEntry(DomainError):
    code = "unbalanced_entry"
    default_message = "Debits and credits are not equal."


class InvalidAccount(DomainError):
    code = "invalid_account"
    default_message = "An account cannot take this posting."


class InvalidCurrency(DomainError):
    code = "invalid_currency"
    default_message = "The currency is not supported by the account."


class InvalidCursor(DomainError):
    code = "invalid_cursor"
    default_message = "The page cursor is not valid."


class InvalidDate(DomainError):
    code = "invalid_date"
    default_message = "The date is not valid."


class PeriodLocked(DomainError):
    code = "period_locked"
    kind = "conflict"
    default_message = "The period is locked."


class AlreadyReversed(DomainError):
    code = "already_reversed"
    kind = "conflict"
    default_message = "This entry has already been reversed."


class NotPosted(DomainError):
    code = "not_posted"
    kind = "conflict"
    default_message = "Only a posted entry can be reversed."


class AlreadyPosted(DomainError):
    code = "already_posted"
    kind = "conflict"
    default_message = "This entry is already posted."


class MemberRequired(DomainError):
    code = "member_required"
    default_message = "A line on a member-money account must name its member."


class MemberNotActive(DomainError):
    code = "member_not_active"
    kind = "conflict"
    default_message = "The member has left and accepts no new deposits or charges."


class NotFound(DomainError):
    code = "not_found"
    kind = "not_found"
    default_message = "Not found."
