"""``ledger_verify``: run every check of ``ledger.integrity`` and report.

Full (the default of the function, ``--full`` of the command): the whole chain, the
whole audit trail, every maintained monthly total against the lines, and the checks
other apps registered. Incremental (the command's default): from the newest verified
checkpoint whose anchors still hold, only what was added since: the new entries, the
new audit events, and the per-account totals less the lines since against the
checkpoint; the checkpoint anchors are checked either way. Without such a checkpoint
an incremental run is a full one.

The run reads one consistent snapshot: on PostgreSQL a REPEATABLE READ, READ ONLY
transaction (postings carry on meanwhile), on SQLite the one transaction.
"""

from __future__ import annotations

from pathlib import Path

from django.db import connection, transaction

from audit.verify import audit_chain_verify
from ledger.checkpoints import Checkpoint, checkpoints_load, ledger_state
from ledger.integrity import chain as chain_walk
from ledger.integrity.anchors import anchor_problems, totals_since_problems
from ledger.integrity.report import Problem, VerifyReport, registered_problems
from ledger.integrity.totals import totals_problems
from ledger.models import Sequence


def _start(checkpoints: list[Checkpoint], holding: set) -> Checkpoint | None:
    for checkpoint in reversed(checkpoints):
        if checkpoint.ok and checkpoint.verified and checkpoint.name in holding:
            return checkpoint
    return None


def _verify(*, full: bool, checkpoints_dir) -> VerifyReport:
    checkpoints = checkpoints_load(checkpoints_dir)
    anchors, holding = anchor_problems(checkpoints)
    start = None if full else _start(checkpoints, holding)
    walk = chain_walk.Walk(
        chain_walk.Start(start.chain_seq, start.head_hash, start.year_seqs)
        if start
        else None
    )
    for page, lines in chain_walk.entry_pages(after=walk.prev_chain):
        originals = chain_walk.originals(page)
        for row in page:
            walk.visit(row, lines.get(row[0], []), originals)
    counters = dict(
        Sequence.objects.filter(key__startswith="ledger:").values_list(
            "key", "last_value"
        )
    )
    walk.finish(counters)
    chain = sorted(walk.problems, key=lambda problem: problem.position)
    audit = (
        audit_chain_verify(after_seq=start.audit_seq, after_hash=start.audit_hash)
        if start
        else audit_chain_verify()
    )
    audit_problems = [Problem(None, message) for _, message in audit.problems]
    if start is not None:
        totals = totals_since_problems(start)
        others: list[Problem] = []
    else:
        totals = totals_problems()
        signed = [cp for cp in checkpoints if cp.ok]
        if signed:  # even when its anchors broke: the totals are evidence too
            totals += totals_since_problems(signed[-1])
        others = registered_problems()
    problems = chain + anchors + audit_problems + totals + others
    return VerifyReport(
        ok=not problems,
        problems=problems,
        entry_count=walk.count,
        first_number=walk.first_number,
        last_number=walk.last_number,
        head_hash=walk.prev_hash,
        mode="incremental" if start else "full",
        verified_from=start.chain_seq if start else 0,
        audit_from=start.audit_seq if start else 0,
        audit_count=audit.count,
        audit_head_hash=audit.last_hash,
        chain_seq=walk.prev_chain,
        checkpoints=len(checkpoints),
        start_checkpoint=start.name if start else None,
        state=ledger_state(lock=False) if not problems else None,
    )


def ledger_verify(
    *, full: bool = True, checkpoints_dir: str | Path | None = None
) -> VerifyReport:
    """Recompute the invariants of the posted ledger and the audit trail from the
    stored rows, and check them against the signed checkpoints.

    Args:
        full: verify everything (True) or only what was added since the newest
            verified checkpoint (False; full when there is none).
        checkpoints_dir: where the checkpoints are (default
            ``ESTAMA_CHECKPOINT_DIR``).

    Returns:
        A ``VerifyReport``; ``ok`` is True when no problem was found. Problems about
        entries come first, in posting order; then checkpoints, the audit trail,
        maintained totals, and the problems of registered checks.
    """
    if connection.in_atomic_block:
        return _verify(full=full, checkpoints_dir=checkpoints_dir)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                )
        return _verify(full=full, checkpoints_dir=checkpoints_dir)
