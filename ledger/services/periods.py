"""Period locks: a locked month takes no postings until it is explicitly unlocked.

Locking and unlocking take the chain lock that posting takes, so a post can never slip
into a month while it is being locked. Both acts are audited.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from ledger.checkpoints import checkpoint_write
from ledger.errors import InvalidDate
from ledger.models import Period
from ledger.services.sequences import _chain_lock
from ledger.services.validation import MAX_DATE, MIN_DATE


def _period_set(*, year: int, month: int, locked: bool, user) -> Period:
    if not (1 <= month <= 12) or not (MIN_DATE.year <= year <= MAX_DATE.year):
        raise InvalidDate(
            "Periode tidak valid.",
            errors={"period": ["Use YYYY-MM with a real month."]},
        )
    with transaction.atomic():
        _chain_lock()
        Period.objects.bulk_create(
            [Period(year=year, month=month)], ignore_conflicts=True
        )
        period = Period.objects.select_for_update().get(year=year, month=month)
        before = period.is_locked
        period.is_locked = locked
        period.changed_by = user if getattr(user, "is_authenticated", False) else None
        period.changed_at = timezone.now()
        period.save(update_fields=["is_locked", "changed_by", "changed_at"])
        audit_record(
            actor=user,
            action="period.locked" if locked else "period.unlocked",
            target=period,
            before={"period": str(period), "is_locked": before},
            after={"period": str(period), "is_locked": locked},
        )
        if locked:
            # Anchor the books outside the database at every lock (issue 10): a
            # signed checkpoint of the chain head, audit head and totals.
            transaction.on_commit(
                lambda: checkpoint_write(reason="period_lock"), robust=True
            )
    return period


def period_lock(*, year: int, month: int, user=None) -> Period:
    """Lock a month: nothing more is posted with a date in it until it is unlocked."""
    return _period_set(year=year, month=month, locked=True, user=user)


def period_unlock(*, year: int, month: int, user=None) -> Period:
    """Unlock a month (an explicit, audited act)."""
    return _period_set(year=year, month=month, locked=False, user=user)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)
