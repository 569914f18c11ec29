"""Writing the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models

from audit.models import AuditEvent


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
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        before=before,
        after=after,
        note=note,
    )
