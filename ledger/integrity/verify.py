"""``ledger_verify``: run every check of ``ledger.integrity`` and report."""

from __future__ import annotations

from ledger.integrity import chain as chain_walk
from ledger.integrity.report import VerifyReport, registered_problems
from ledger.integrity.totals import totals_problems
from ledger.models import Sequence


def ledger_verify() -> VerifyReport:
    """Recompute every invariant of the posted ledger from the stored rows.

    Returns:
        A ``VerifyReport``; ``ok`` is True when no problem was found. Problems about
        entries come first, in posting order; then maintained totals; then the
        problems of registered checks.
    """
    walk = chain_walk.Walk()
    for page in chain_walk.entry_pages():
        originals = chain_walk.originals(page)
        for entry in page:
            walk.visit(entry, originals)
    counters = dict(
        Sequence.objects.filter(key__startswith="ledger:").values_list(
            "key", "last_value"
        )
    )
    walk.finish(counters)
    chain = sorted(walk.problems, key=lambda problem: problem.position)
    problems = chain + totals_problems() + registered_problems()
    return VerifyReport(
        ok=not problems,
        problems=problems,
        entry_count=walk.count,
        first_number=walk.first_number,
        last_number=walk.last_number,
        head_hash=walk.prev_hash,
    )
