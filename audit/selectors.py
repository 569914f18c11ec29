"""Reading the audit trail (the audit-log API and the admin read it)."""

from __future__ import annotations

from django.db.models import QuerySet

from audit.models import AuditEvent


def audit_events() -> QuerySet[AuditEvent]:
    """Every event, newest first by chain position, with its actor in the same query."""
    return AuditEvent.objects.select_related("actor").order_by("-seq")
