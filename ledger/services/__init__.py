"""Writes to the ledger. Every money movement in Estama ends in ``entry_post``.

Module map:
    validation.py  checks before anything is written (lines, balance, date, period)
    sequences.py   gapless counters: entry numbers, the chain position, other numbers
    chain.py       the serialised step: chain and year positions, what depends on them
    posting.py     entry_post, entry_draft_create, entry_draft_post
    imports.py     entries_import: many entries at once, all or nothing
    reversal.py    entry_reverse
    periods.py     period_lock, period_unlock

Transactions: each public service runs in ``transaction.atomic()``. It is deliberately
not ``durable=True``: the API's idempotency layer wraps a service call and the record
of its response in one transaction, so that "posted" and "remembered as posted" commit
together.

Locking: posting takes the row lock of the ``ledger:chain`` counter. That serialises
posting (the hash chain needs a single order) and makes entry numbers gapless. Locking
and unlocking a period take the same lock, so a post can never slip into a month that
is being locked. Lock order everywhere: chain counter, then year counter, then entries
by primary key.
"""

from ledger.services.imports import ImportEntry, ImportResult, entries_import
from ledger.services.periods import month_bounds, period_lock, period_unlock
from ledger.services.posting import entry_draft_create, entry_draft_post, entry_post
from ledger.services.reversal import entry_reverse
from ledger.services.sequences import CHAIN_KEY, entry_number, sequence_next
from ledger.services.validation import MAX_DATE, MIN_DATE, LineInput

__all__ = [
    "CHAIN_KEY",
    "MAX_DATE",
    "MIN_DATE",
    "ImportEntry",
    "ImportResult",
    "LineInput",
    "entries_import",
    "entry_draft_create",
    "entry_draft_post",
    "entry_number",
    "entry_post",
    "entry_reverse",
    "month_bounds",
    "period_lock",
    "period_unlock",
    "sequence_next",
]
