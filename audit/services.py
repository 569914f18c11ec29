"""Writing the audit trail.

Appending takes the row lock of ``AuditChainHead`` (held until the caller's
transaction commits), so events chain in commit order. Lower-level locks that other
apps take *before* the audit head register with ``audit_lock_first``: the ledger
registers its chain counter, so every transaction takes ledger chain -> audit head in
that order, whether it posts first and audits after or the other way round (no
deadlock between the two).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from audit.chain import event_hash, normalise
from audit.models import AuditChainHead, AuditEvent

_locks_first: list[Callable[[], None]] = []


def audit_lock_first(fn: Callable[[], None]) -> Callable[[], None]:
    """Register ``fn`` (takes a row lock, no arguments) to run before the audit head
    is locked. Call it from an ``AppConfig.ready()``; registering twice is a no-op."""
    if fn not in _locks_first:
        _locks_first.append(fn)
    return fn


def _head_lock() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditChainHead.objects.bulk_create(
            [AuditChainHead(pk=1)], ignore_conflicts=True
        )
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def _fields(*, actor, action, target, before, after, note) -> dict:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return {
        "actor_id": actor.pk if actor is not None else None,
        "action": action,
        "object_type": target._meta.label_lower if target is not None else "",
        "object_id": str(target.pk) if target is not None else "",
        "note": note or "",
        "before": normalise(before),
        "after": normalise(after),
    }


def _append(events: list[dict]) -> list[AuditEvent]:
    """Number, hash and insert ``events`` (field dicts) after the chain head, in order,
    under one lock of the head; the head moves once."""
    with transaction.atomic(savepoint=False):
        if connection.vendor != "sqlite":  # SQLite serialises every writer anyway
            for lock in _locks_first:
                lock()
        head = _head_lock()
        seq, prev, at = head.seq, head.hash, timezone.now()
        rows = []
        for fields in events:
            seq += 1
            digest = event_hash(seq=seq, prev_hash=prev, at=at, **fields)
            rows.append(
                AuditEvent(seq=seq, at=at, prev_hash=prev, hash=digest, **fields)
            )
            prev = digest
        created = AuditEvent.objects.bulk_create(rows)
        AuditChainHead.objects.filter(pk=1).update(seq=seq, hash=prev)
    return created


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
) -> AuditEvent:
    """Append one event to the audit trail, inside the caller's transaction.

    Args:
        actor: the user who acted (None for the system, e.g. a scheduled task).
        action: a dotted verb such as ``entry.posted`` or ``period.locked``.
        target: the object acted on; its label and primary key are stored.
        before / after: JSON-serialisable snapshots of what changed.
        note: a free-text reason (e.g. why a due was waived).

    Returns:
        The event, numbered and hashed onto the chain.
    """
    fields = _fields(
        actor=actor, action=action, target=target, before=before, after=after, note=note
    )
    return _append([fields])[0]


def audit_record_many(
    *,
    actor: Any,
    action: str,
    targets: list[tuple[models.Model, dict | None]],
    note: str = "",
) -> list[AuditEvent]:
    """Append one event per target (a bulk act such as an import), chained in order
    under a single lock of the audit head, inside the caller's transaction.

    Args:
        actor / action / note: as in ``audit_record``, the same for every event.
        targets: ``(object, after-snapshot)`` pairs, one event each.
    """
    return _append(
        [
            _fields(
                actor=actor,
                action=action,
                target=target,
                before=None,
                after=after,
                note=note,
            )
            for target, after in targets
        ]
    )
