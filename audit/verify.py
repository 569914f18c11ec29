"""Re-deriving the audit chain from the stored events (read only).

``audit_chain_verify`` walks the events in ``seq`` order, ``PAGE_SIZE`` at a time with
``values_list`` (flat memory), from a known point (``after_seq`` / ``after_hash``,
e.g. a verified checkpoint) or from the start, and reports: a jump in ``seq`` (events
deleted), a ``prev_hash`` that is not the previous event's hash (removed, inserted or
reordered) and a stored hash that does not match the content (rewritten). Finally the
chain head row must name the last event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from audit.chain import event_hash, utc_column
from audit.models import GENESIS, AuditChainHead, AuditEvent

PAGE_SIZE = 5000
_COLUMNS = (
    "seq",
    "prev_hash",
    "hash",
    "at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "note",
    "before",
    "after",
)


@dataclass
class AuditChainReport:
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    count: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS


def audit_chain_verify(
    *, after_seq: int = 0, after_hash: str = GENESIS
) -> AuditChainReport:
    """Verify the events after ``after_seq`` (whose hash is ``after_hash``).

    Returns:
        An ``AuditChainReport``: problems as (seq or None, message) in chain order,
        how many events were read, and the last seq and hash reached.
    """
    report = AuditChainReport(last_seq=after_seq, last_hash=after_hash)
    columns = [utc_column(name) if name == "at" else name for name in _COLUMNS]
    base = AuditEvent.objects.order_by("seq").values_list(*columns)
    while True:
        page = list(base.filter(seq__gt=report.last_seq)[:PAGE_SIZE])
        if not page:
            break
        for seq, prev, digest, at, actor, action, otype, oid, note, bef, aft in page:
            report.count += 1
            if seq != report.last_seq + 1:
                report.problems.append(
                    (
                        seq,
                        f"audit event {seq}: the audit chain jumps from "
                        f"{report.last_seq} to {seq} ({seq - report.last_seq - 1} "
                        "events are missing)",
                    )
                )
            if prev != report.last_hash:
                report.problems.append(
                    (
                        seq,
                        f"audit event {seq}: prev_hash does not match the event "
                        "before it (an event was removed, inserted or reordered)",
                    )
                )
            recomputed = event_hash(
                seq=seq,
                prev_hash=prev,
                at=at,
                actor_id=actor,
                action=action,
                object_type=otype,
                object_id=oid,
                note=note,
                before=bef,
                after=aft,
            )
            if recomputed != digest:
                report.problems.append(
                    (
                        seq,
                        f"audit event {seq} ({action}): stored hash does not match "
                        "its content (the event was altered)",
                    )
                )
            report.last_seq, report.last_hash = seq, digest
    head = AuditChainHead.objects.filter(pk=1).values_list("seq", "hash").first()
    head_seq, head_hash = head or (0, GENESIS)
    if (head_seq, head_hash) != (report.last_seq, report.last_hash):
        report.problems.append(
            (
                None,
                f"the audit chain head stands at event {head_seq} but the events end "
                f"at {report.last_seq} (events were deleted or the head was altered)",
            )
        )
    return report
