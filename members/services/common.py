"""Helpers shared by the members services: locks, periods, member-line balances.

Lock order everywhere in this app: member row(s) by pk, then that member's open items
by pk, then (inside ``entry_post``) the ledger chain counter. Never the other way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum

from ledger.errors import MemberNotActive
from ledger.models import EntryStatus, JournalLine, Side
from members.errors import InvalidPeriod
from members.models import Member, MemberStatus

ZERO = Decimal(0)
_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


def parse_period(period: str) -> tuple[int, int]:
    """``"2026-12"`` -> (2026, 12); raises InvalidPeriod otherwise."""
    match = _PERIOD.match(str(period or "").strip())
    if not match or not (1 <= int(match.group(2)) <= 12):
        raise InvalidPeriod(
            f"Periode {period!r} tidak valid; gunakan YYYY-MM.",
            errors={"period": ["Use YYYY-MM with a real month, e.g. 2026-12."]},
        )
    year, month = int(match.group(1)), int(match.group(2))
    if not (2000 <= year <= 2999):
        raise InvalidPeriod(
            f"Periode {period!r} di luar rentang.",
            errors={"period": ["The year must be between 2000 and 2999."]},
        )
    return year, month


def due_date_for(year: int, month: int) -> dt.date:
    """Due date of a period: ESTAMA_DUE_DAY of the month, else its last day."""
    last = calendar.monthrange(year, month)[1]
    raw = str(settings.ESTAMA_DUE_DAY or "").strip()
    day = min(int(raw), last) if raw.isdigit() and int(raw) >= 1 else last
    return dt.date(year, month, day)


def lock_member(member: Member) -> Member:
    """Lock the member's row for the rest of the transaction and return it fresh."""
    return Member.objects.select_for_update().get(pk=member.pk)


def member_line_balances(
    *, member_ids: list[int] | None, codes: list[str]
) -> dict[tuple[int, str], Decimal]:
    """Credit minus debit of posted lines per (member id, account code).

    ``member_ids=None`` reads every member."""
    lines = JournalLine.objects.filter(
        entry__status=EntryStatus.POSTED,
        account__code__in=codes,
        member__isnull=False,
    )
    if member_ids is not None:
        lines = lines.filter(member_id__in=member_ids)
    result: dict[tuple[int, str], Decimal] = {}
    rows = lines.values_list("member_id", "account__code", "side").annotate(
        total=Sum("amount")
    )
    for member_id, code, side, total in rows:
        signed = total if side == Side.CREDIT else -total
        result[(member_id, code)] = result.get((member_id, code), ZERO) + signed
    return result


def member_balance(*, member: Member, codes: list[str]) -> Decimal:
    """Credit minus debit of the member's posted lines on ``codes``."""
    balances = member_line_balances(member_ids=[member.pk], codes=codes)
    return sum(balances.values(), ZERO)


def user_or_none(user):
    return user if getattr(user, "is_authenticated", False) else None


def member_accepting_money(member: Member, *, what: str) -> None:
    """Refuse new deposits or charges for a member who has left (their history stays;
    what they still owe can be paid and what is theirs can be paid out).

    Raises:
        MemberNotActive (409 ``member_not_active``).
    """
    if member.status == MemberStatus.LEFT:
        raise MemberNotActive(
            f"Anggota {member.number} sudah keluar; tidak menerima {what} baru.",
            errors={"member": [f"{member.number} has left the cooperative."]},
        )
