"""Checking the database against the signed checkpoints found outside it.

For every checkpoint file: its signature must verify; the entry it names at its chain
position must still be there with the same number and hash (else the tail was deleted
or the chain rewritten), and the audit event at its audit position likewise (else the
audit trail was emptied, truncated or rewritten). For the checkpoint a run starts from
(or the newest one), the maintained per-account totals minus what was posted since
must equal the totals it recorded. A few queries whatever the number of checkpoints.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Max, Sum

from audit.models import AuditEvent
from ledger.checkpoints import Checkpoint
from ledger.checkpoints.state import maintained_totals
from ledger.integrity.report import Problem
from ledger.models import EntryStatus, JournalEntry, JournalLine, Side

ZERO = Decimal(0)
_CHUNK = 1000


def _by_position(model_qs, field: str, positions: list[int], *columns) -> dict:
    found = {}
    for offset in range(0, len(positions), _CHUNK):
        chunk = positions[offset : offset + _CHUNK]
        for row in model_qs.filter(**{f"{field}__in": chunk}).values_list(
            field, *columns
        ):
            found[row[0]] = row[1:]
    return found


def _describe(checkpoint: Checkpoint) -> str:
    return f"checkpoint {checkpoint.name} (written {checkpoint.created_at})"


def anchor_problems(checkpoints: list[Checkpoint]) -> tuple[list[Problem], set]:
    """Problems of the checkpoints against the database, and the names of the
    checkpoints whose ledger and audit anchors both still hold."""
    problems: list[Problem] = []
    good = [cp for cp in checkpoints if cp.ok]
    for checkpoint in checkpoints:
        if not checkpoint.ok:
            problems.append(
                Problem(None, f"checkpoint {checkpoint.name}: {checkpoint.error}")
            )
    if not good:
        return problems, set()
    posted = JournalEntry.objects.filter(status=EntryStatus.POSTED)
    last_chain = posted.aggregate(m=Max("chain_seq"))["m"] or 0
    last_audit = AuditEvent.objects.aggregate(m=Max("seq"))["m"] or 0
    entries = _by_position(
        posted,
        "chain_seq",
        sorted({cp.chain_seq for cp in good if cp.chain_seq}),
        "number",
        "hash",
    )
    events = _by_position(
        AuditEvent.objects.all(),
        "seq",
        sorted({cp.audit_seq for cp in good if cp.audit_seq}),
        "hash",
    )
    holding = set()
    for cp in good:
        ok = True
        if cp.chain_seq:
            found = entries.get(cp.chain_seq)
            if found is None and cp.chain_seq > last_chain:
                ok = False
                problems.append(
                    Problem(
                        cp.last_number,
                        f"entries were deleted from the end of the ledger: "
                        f"{_describe(cp)} recorded {cp.last_number} at chain position "
                        f"{cp.chain_seq} (hash {cp.head_hash}), but the ledger now "
                        f"ends at chain position {last_chain}",
                    )
                )
            elif found is None:
                ok = False
                problems.append(
                    Problem(
                        cp.last_number,
                        f"the entry at chain position {cp.chain_seq} recorded by "
                        f"{_describe(cp)} is gone (deleted)",
                    )
                )
            elif tuple(found) != (cp.last_number, cp.head_hash):
                ok = False
                problems.append(
                    Problem(
                        cp.last_number,
                        f"the chain was rewritten: {_describe(cp)} recorded "
                        f"{cp.last_number} with hash {cp.head_hash} at chain position "
                        f"{cp.chain_seq}; the database has {found[0]} with hash "
                        f"{found[1]}",
                    )
                )
        if cp.audit_seq:
            found = events.get(cp.audit_seq)
            if found is None:
                ok = False
                problems.append(
                    Problem(
                        None,
                        f"the audit trail was emptied or truncated: {_describe(cp)} "
                        f"recorded audit event {cp.audit_seq} (hash {cp.audit_hash}), "
                        f"but the audit trail now ends at event {last_audit}",
                    )
                )
            elif found[0] != cp.audit_hash:
                ok = False
                problems.append(
                    Problem(
                        None,
                        f"the audit chain was rewritten: {_describe(cp)} recorded "
                        f"audit event {cp.audit_seq} with hash {cp.audit_hash}; the "
                        f"database has hash {found[0]}",
                    )
                )
        if ok:
            holding.add(cp.name)
    return problems, holding


def _plain(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def totals_since_problems(checkpoint: Checkpoint) -> list[Problem]:
    """The maintained totals minus the lines posted after ``checkpoint`` must equal
    the totals it recorded, per account and currency (time: the lines since)."""
    since = (
        JournalLine.objects.filter(
            entry__status=EntryStatus.POSTED, entry__chain_seq__gt=checkpoint.chain_seq
        )
        .values_list("account__code", "amount_currency", "side")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    added: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for code, currency, side, total in since:
        added[(code, currency)][0 if side == Side.DEBIT else 1] += total
    now = maintained_totals()
    recorded = checkpoint.totals()
    problems = []
    for key in sorted(set(now) | set(recorded) | set(added)):
        debit, credit = now.get(key, (ZERO, ZERO))
        plus_debit, plus_credit = added.get(key, (ZERO, ZERO))
        then = (debit - plus_debit, credit - plus_credit)
        want = recorded.get(key, (ZERO, ZERO))
        if then != want:
            code, currency = key
            problems.append(
                Problem(
                    None,
                    f"account {code} {currency}: the maintained totals less what was "
                    f"posted since make debit {_plain(then[0])} / credit "
                    f"{_plain(then[1])} at {_describe(checkpoint)}, which recorded "
                    f"debit {_plain(want[0])} / credit {_plain(want[1])}",
                )
            )
    return problems
