"""Verifying the ledger: is what is stored still what was posted?

``ledger_verify`` re-derives every invariant of the posted ledger from the stored rows
and reports each breach as a ``Problem``. It reads the ledger in pages of
``PAGE_SIZE`` entries ordered by ``chain_seq`` (keyset pagination), so memory stays
flat however long the ledger grows. The checks:

    (a) hash chain: ``chain_seq`` runs 1..N without gaps, each ``prev_hash`` is the
        previous entry's ``hash`` (``GENESIS`` for the first) and each stored ``hash``
        equals the hash recomputed from the entry and its lines; the chain counter
        agrees with the last position (so deleting the newest entry shows too);
    (b) numbering: per fiscal year ``seq`` runs 1..n without gaps in posting order,
        ``number`` is ``entry_number(year, seq)`` and ``fiscal_year`` is the date's
        year; the year counters agree with the highest number;
    (c) every posted entry has two or more lines and balances per currency;
    (d) the maintained ``AccountPeriodTotal`` rows equal the sums of posted lines per
        (account, year, month, currency);
    (e) a reversal mirrors the lines of the entry it reverses;
    (f) every check other apps registered with ``register_check``;
    (g) the audit trail's hash chain (``audit.verify``) and its head row;
    (h) the signed checkpoints outside the database (``ledger.checkpoints``): each
        signature, and each recorded entry and audit event still present with the
        recorded hash, so a deleted tail (even with counters and totals fixed up), a
        rewritten chain or an emptied audit table shows; the per-account totals less
        what was posted since equal what the checkpoint recorded.

Full runs do all of it; incremental runs (``full=False``) start after the newest
verified checkpoint whose anchors hold and do (a)-(c), (e), (g) for what was added,
(h), and the per-account totals since that checkpoint: time proportional to what was
added. ``verification_run`` runs it as a job (records ``VerificationRun``, writes the
verified checkpoint).

Problems about entries carry the entry's chain position, so the report is in posting
order and its first such problem names the *first broken entry*. Registered checks
return ``Problem`` lists and must only read.
"""

from ledger.integrity.report import Problem, VerifyReport, register_check
from ledger.integrity.runs import verification_latest, verification_run
from ledger.integrity.verify import ledger_verify

__all__ = [
    "Problem",
    "VerifyReport",
    "ledger_verify",
    "register_check",
    "verification_latest",
    "verification_run",
]
