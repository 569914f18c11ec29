"""Domain errors of the bank app (stable snake_case codes)."""

from ledger.errors import DomainError


class InvalidBankAccount(DomainError):
    code = "invalid_bank_account"
    default_message = "The account is not a bank account."


class InvalidPreset(DomainError):
    code = "invalid_preset"
    default_message = "Unknown statement preset."


class LineNotOpen(DomainError):
    code = "bank_line_not_open"
    kind = "conflict"
    default_message = "The bank line is already matched, booked or ignored."


class InvalidMatch(DomainError):
    code = "invalid_match"
    default_message = "The match is not valid."


class NotReconciled(DomainError):
    code = "reconciliation_difference"
    kind = "conflict"
    default_message = "The statement and the ledger differ; the month stays open."


class InvalidRule(DomainError):
    code = "invalid_rule"
    default_message = "The rule is not valid."
