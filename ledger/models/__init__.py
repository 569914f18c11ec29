from .accounts import Account, AccountType
from .entries import EntrySource, EntryStatus, JournalEntry, JournalLine, Side
from .periods import Period
from .sequences import Sequence
from .totals import AccountDayTotal, AccountPeriodTotal
from .verification import VerificationMode, VerificationRun, VerificationTrigger

__all__ = [
    "Account",
    "AccountDayTotal",
    "AccountPeriodTotal",
    "AccountType",
    "EntrySource",
    "EntryStatus",
    "JournalEntry",
    "JournalLine",
    "Period",
    "Sequence",
    "Side",
    "VerificationMode",
    "VerificationRun",
    "VerificationTrigger",
]
