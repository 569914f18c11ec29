"""Signed checkpoints: the ledger's and the audit trail's chain heads anchored outside
the database.

A checkpoint is a small JSON file in ``ESTAMA_CHECKPOINT_DIR`` (default
``var/checkpoints/``) recording, at one moment: the last entry's chain position,
number and hash, the last number of each fiscal year, the audit chain's last seq and
hash, the per-account debit and credit totals and the time; signed with HMAC-SHA256
under ``ESTAMA_CHECKPOINT_KEY`` (never stored in the database). Someone who can rewrite
the database but not that directory and key cannot make the books agree with the
checkpoints again: a deleted tail (even with counters and totals fixed up), a
rewritten chain, an emptied or truncated audit table and an altered checkpoint file
are all reported by ``verify_ledger``.

Written nightly (after the nightly verification succeeds, marked ``verified``), at
each period lock, and by ``verify_ledger`` after a successful run; the newest
``verified`` checkpoint is where the next incremental verification starts.
"""

from ledger.checkpoints.files import (
    Checkpoint,
    checkpoint_dir,
    checkpoint_latest,
    checkpoint_write,
    checkpoints_load,
)
from ledger.checkpoints.keys import checkpoint_key, checkpoint_key_id
from ledger.checkpoints.state import LedgerState, ledger_state

__all__ = [
    "Checkpoint",
    "LedgerState",
    "checkpoint_dir",
    "checkpoint_key",
    "checkpoint_key_id",
    "checkpoint_latest",
    "checkpoint_write",
    "checkpoints_load",
    "ledger_state",
]
