"""Registering members and moving them through their lifecycle.

applicant -> active (bills the pokok) -> suspended <-> active -> left (only through an
approved resignation, see ``resignations``). Every change leaves a MemberStatusChange
row and an audit record in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from ledger.services import sequence_next
from members.errors import InvalidMember, InvalidTransition
from members.models import (
    Member,
    MemberCategory,
    MemberStatus,
    MemberStatusChange,
    Region,
)
from members.services.common import lock_member, user_or_none

NUMBER_KEY = "members:number"
EDITABLE_FIELDS = (
    "name",
    "category",
    "region",
    "email",
    "phone",
    "joined_on",
    "user",
)


def member_number_next() -> str:
    """The next member number (``JTM-00001``); call inside a transaction."""
    value = sequence_next(key=NUMBER_KEY)
    return f"{settings.ESTAMA_MEMBER_NUMBER_PREFIX}-{value:05d}"


def _check_fields(category: str | None, region) -> None:
    errors = {}
    if category is not None and category not in MemberCategory.values:
        errors["category"] = [f"Use one of {', '.join(MemberCategory.values)}."]
    if region is not None and not isinstance(region, Region):
        errors["region"] = ["Unknown region code."]
    if errors:
        raise InvalidMember("Data anggota tidak valid.", errors=errors)


def status_change_record(
    *, member: Member, to_status: str, reason: str = "", user=None, **extra
) -> Member:
    """Set the (locked) member's status, keep the history and audit it."""
    before = member.status
    member.status = to_status
    fields = ["status", *extra]
    for name, value in extra.items():
        setattr(member, name, value)
    member.save(update_fields=fields)
    MemberStatusChange.objects.create(
        member=member,
        from_status=before,
        to_status=to_status,
        reason=reason[:255],
        changed_by=user_or_none(user),
    )
    audit_record(
        actor=user,
        action=f"member.{to_status}",
        target=member,
        before={"status": before},
        after={"status": to_status},
        note=reason,
    )
    return member


def member_create(
    *,
    name: str,
    category: str,
    region: Region,
    joined_on: dt.date,
    email: str = "",
    phone: str = "",
    user_account=None,
    user=None,
) -> Member:
    """Register an applicant and give them the next member number.

    Args:
        name, category, region, joined_on, email, phone: the registry data.
        user_account: an optional login to link to the member.
        user: who registers them (audited).

    Returns:
        The new member (status applicant).

    Raises:
        InvalidMember: unknown category or region, or an empty name.
    """
    _check_fields(category, region)
    if not (name or "").strip():
        raise InvalidMember("Nama wajib diisi.", errors={"name": ["Required."]})
    with transaction.atomic():
        member = Member.objects.create(
            number=member_number_next(),
            name=name.strip(),
            category=category,
            region=region,
            email=email or "",
            phone=phone or "",
            joined_on=joined_on,
            status=MemberStatus.APPLICANT,
            user=user_account,
        )
        MemberStatusChange.objects.create(
            member=member,
            from_status="",
            to_status=MemberStatus.APPLICANT,
            reason="registered",
            changed_by=user_or_none(user),
        )
        audit_record(
            actor=user,
            action="member.registered",
            target=member,
            after={"number": member.number, "name": member.name},
        )
    return member


def member_update(*, member: Member, user=None, **changes) -> Member:
    """Change a member's registry data (not status or number).

    Raises:
        InvalidMember: a field that cannot be edited or an invalid value.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidMember(
            "Kolom tidak dapat diubah.",
            errors={name: ["Cannot be changed."] for name in sorted(unknown)},
        )
    _check_fields(changes.get("category"), changes.get("region"))
    with transaction.atomic():
        member = lock_member(member)
        before = {name: str(getattr(member, name)) for name in changes}
        for name, value in changes.items():
            setattr(member, name, value)
        if changes:
            member.save(update_fields=list(changes))
            audit_record(
                actor=user,
                action="member.updated",
                target=member,
                before=before,
                after={name: str(getattr(member, name)) for name in changes},
            )
    return member


def _transition(
    *, member: Member, allowed: set[str], to_status: str, reason: str, user
) -> Member:
    member = lock_member(member)
    if member.status not in allowed:
        raise InvalidTransition(
            f"Anggota {member.number} berstatus {member.status}; "
            f"tidak dapat menjadi {to_status}.",
            errors={"status": [f"Not allowed from {member.status}."]},
        )
    return status_change_record(
        member=member, to_status=to_status, reason=reason, user=user
    )


def member_activate(
    *, member: Member, date: dt.date | None = None, user=None
) -> Member:
    """Make an applicant active and bill the simpanan pokok (one open item).

    Raises:
        InvalidTransition: the member is not an applicant.
        PeriodLocked: the activation date's month is locked.
    """
    return members_activate(members=[member], date=date, user=user)[0]


def members_activate(
    *, members: list[Member], date: dt.date | None = None, user=None
) -> list[Member]:
    """Activate many applicants at once; their pokok is billed in one entry.

    Raises:
        InvalidTransition: one of them is not an applicant (nobody is activated).
        PeriodLocked: the activation date's month is locked.
    """
    from members.services.billing import pokok_bill

    date = date or timezone.localdate()
    with transaction.atomic():
        locked = list(
            Member.objects.select_for_update()
            .filter(pk__in=[member.pk for member in members])
            .order_by("pk")
        )
        wrong = [m for m in locked if m.status != MemberStatus.APPLICANT]
        if wrong:
            raise InvalidTransition(
                f"Anggota {wrong[0].number} berstatus {wrong[0].status}; "
                "hanya calon anggota yang dapat diaktifkan.",
                errors={"status": [f"Not allowed from {wrong[0].status}."]},
            )
        for member in locked:
            status_change_record(
                member=member,
                to_status=MemberStatus.ACTIVE,
                reason="activated",
                user=user,
            )
        pokok_bill(members=locked, date=date, user=user)
    return locked


def member_suspend(*, member: Member, reason: str = "", user=None) -> Member:
    """Suspend an active member (no new dues are issued to them)."""
    with transaction.atomic():
        return _transition(
            member=member,
            allowed={MemberStatus.ACTIVE},
            to_status=MemberStatus.SUSPENDED,
            reason=reason,
            user=user,
        )


def member_reinstate(*, member: Member, reason: str = "", user=None) -> Member:
    """Make a suspended member active again."""
    with transaction.atomic():
        return _transition(
            member=member,
            allowed={MemberStatus.SUSPENDED},
            to_status=MemberStatus.ACTIVE,
            reason=reason,
            user=user,
        )
