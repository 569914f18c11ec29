"""The ledger chain lock outside ``ledger.services``: the row lock of the
``ledger:chain`` counter, which serialises posting.

The audit trail takes it before its own head lock (registered in ``LedgerConfig``), so
a transaction that audits first and posts later takes the locks in the same order as
one that posts first (chain counter, then audit head) and the two never deadlock.
Checkpoints take it to read one consistent state.
"""

from __future__ import annotations

from ledger.models import Sequence

CHAIN_KEY = "ledger:chain"


def chain_lock() -> int:
    """Lock the chain counter row (creating it if need be); return its value. Must run
    inside a transaction; the lock is held until it ends."""
    locked = Sequence.objects.select_for_update().filter(key=CHAIN_KEY)
    value = locked.values_list("last_value", flat=True).first()
    if value is None:
        Sequence.objects.bulk_create([Sequence(key=CHAIN_KEY)], ignore_conflicts=True)
        value = locked.values_list("last_value", flat=True).get()
    return value
