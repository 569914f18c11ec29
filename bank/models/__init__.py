from .accounts import BankAccount, BankRule, RuleDirection, VirtualAccount
from .lines import BankLine, BankLineMatch, LineStatus, Statement
from .reconciliation import ReconciliationMark

__all__ = [
    "BankAccount",
    "BankLine",
    "BankLineMatch",
    "BankRule",
    "LineStatus",
    "ReconciliationMark",
    "RuleDirection",
    "Statement",
    "VirtualAccount",
]
