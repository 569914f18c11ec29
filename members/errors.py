"""Domain errors of the members app (stable snake_case codes)."""

from ledger.errors import DomainError


class InvalidMember(DomainError):
    code = "invalid_member"
    default_message = "The member is not valid for this operation."


class InvalidTransition(DomainError):
    code = "invalid_status_transition"
    kind = "conflict"
    default_message = "The member's status does not allow this."


class InvalidPeriod(DomainError):
    code = "invalid_period"
    default_message = "The period is not valid (use YYYY-MM)."


class InsufficientBalance(DomainError):
    code = "insufficient_balance"
    kind = "conflict"
    default_message = "The balance is not enough for this withdrawal."


class ItemNotOpen(DomainError):
    code = "item_not_open"
    kind = "conflict"
    default_message = "The item has nothing outstanding."


class ResignationConflict(DomainError):
    code = "resignation_conflict"
    kind = "conflict"
    default_message = "The resignation is not in a state that allows this."


class InvalidMethod(DomainError):
    code = "invalid_method"
    default_message = "Use cash, bank or qris."


class MissingEmail(DomainError):
    code = "missing_email"
    default_message = "No email address to send to."
