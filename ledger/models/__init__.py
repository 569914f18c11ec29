from .accounts import Account, AccountType
from .entries import EntrySource, EntryStatus, JournalEntry, JournalLine, Side
from .periods import Period
from .sequences import Sequence
from .totals import AccountPeriodTotal

__all__ = [
    "Account",
    "AccountPeriodTotal",
    "AccountType",
    "EntrySource",
    "EntryStatus",
    "JournalEntry",
    "JournalLine",
    "Period",
    "Sequence",
    "Side",
]
