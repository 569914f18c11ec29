"""The demo year, month by month.

Each month: activate joiners (pokok), issue the period, take payments with realistic
behaviour, and move simpanan sukarela.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from members.demo.context import YEAR, DemoContext, _day, _weighted
from members.demo.registry import PLANS
from members.models import Member
from members.services import (
    dues_issue_period,
    members_activate,
    payment_record,
    share_transaction_record,
)
from members.services.common import due_date_for

#: Payment behaviour: (profile, weight)
PROFILES = (("on_time", 65), ("late", 20), ("arrears", 10), ("advance", 5))


@dataclass
class _Account:
    member: Member
    profile: str
    cadence: int
    billed: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    sukarela: Decimal = Decimal(0)
    active: bool = False
    stop_after: int = 12


def _monthly(member: Member) -> Decimal:
    return sum(
        (Decimal(amount) for _, _, amount, cat in PLANS if cat == member.category),
        Decimal(0),
    )


def dues_and_payments_step(ctx: DemoContext) -> None:
    """Month by month: activate joiners (pokok), issue the period, take payments,
    sukarela movements; then waivers, suspensions and resignations."""
    rng = ctx.rng
    user = ctx.data.get("treasurer")
    members: list[Member] = ctx.data["members"]
    applicants = set(rng.sample(range(len(members)), k=max(1, len(members) // 100)))
    accounts = [
        _Account(
            member=m,
            profile=_weighted(rng, PROFILES),
            cadence=rng.choice((3, 3, 3, 6, 12)),
            stop_after=rng.randint(1, 4),
        )
        for i, m in enumerate(members)
        if i not in applicants
    ]
    pokok = Decimal(100000)
    payments = 0
    start = dt.date(YEAR, 1, 1)
    for month in range(1, ctx.last_month + 1):
        first = dt.date(YEAR, month, 1)
        joining: dict[dt.date, list[_Account]] = {}
        for acc in accounts:
            when = max(acc.member.joined_on, start)
            if not acc.active and when <= due_date_for(YEAR, month):
                joining.setdefault(when, []).append(acc)
        for when, group in sorted(joining.items()):
            activated = members_activate(
                members=[acc.member for acc in group], date=when, user=user
            )
            by_pk = {member.pk: member for member in activated}
            for acc in group:
                acc.member = by_pk[acc.member.pk]
                acc.active = True
                acc.billed += pokok
                if acc.profile != "advance":
                    continue
                year_dues = _monthly(acc.member) * (13 - month)
                payment_record(
                    member=acc.member,
                    amount=pokok + year_dues,
                    method="bank",
                    date=min(when + dt.timedelta(days=rng.randint(0, 6)), ctx.today),
                    reference="Bayar di muka setahun",
                    user=user,
                )
                acc.paid += pokok + year_dues
                payments += 1
        dues_issue_period(period=f"{first:%Y-%m}", user=user)
        for acc in accounts:
            if acc.active and acc.member.status == "active":
                acc.billed += _monthly(acc.member)
        for acc in accounts:
            if not acc.active:
                continue
            owed = acc.billed - acc.paid
            date = None
            amount = owed
            if acc.profile == "on_time" and (month - 1) % acc.cadence == 0:
                # pays this month and the next cadence-1 months ahead, on time
                ahead = min(acc.cadence, 13 - month) - 1
                amount = owed + _monthly(acc.member) * ahead
                date = _day(rng, YEAR, month, 5, 28)
            elif acc.profile == "late" and month % max(acc.cadence, 3) == 0:
                late_month = min(month + 1, 12)
                date = _day(rng, YEAR, late_month, 1, 28)
                amount = (
                    owed * Decimal(rng.choice((50, 80, 100, 100))) / 100
                ).quantize(Decimal(1000))
            elif acc.profile == "arrears" and month <= acc.stop_after:
                date = _day(rng, YEAR, month, 10, 28)
            if date is None or amount <= 0 or date > ctx.today:
                continue
            payment_record(
                member=acc.member,
                amount=amount,
                method=rng.choice(("cash", "bank", "bank")),
                date=date,
                reference=rng.choice(("", "", "Transfer BRI", "Transfer BNI", "QRIS")),
                user=user,
            )
            acc.paid += amount
            payments += 1
        _sukarela(ctx, accounts, month, user)
    ctx.data["accounts"] = accounts
    ctx.write(f"periods: 2026-01..2026-{ctx.last_month:02d}; payments: {payments}")


def _sukarela(ctx: DemoContext, accounts: list[_Account], month: int, user) -> None:
    rng = ctx.rng
    for acc in accounts:
        if not acc.active or rng.random() > 0.03:
            continue
        date = _day(rng, YEAR, month, 1, 28)
        if date > ctx.today:
            continue
        if acc.sukarela > 0 and rng.random() < 0.3:
            amount = (acc.sukarela * Decimal(rng.choice((25, 50, 100))) / 100).quantize(
                Decimal(1000)
            )
            direction = "withdraw"
            acc.sukarela -= amount
        else:
            amount = Decimal(rng.choice((50, 100, 200, 250, 500, 1000)) * 1000)
            direction = "deposit"
            acc.sukarela += amount
        if amount > 0:
            share_transaction_record(
                member=acc.member,
                direction=direction,
                amount=amount,
                date=date,
                method=rng.choice(("cash", "bank")),
                user=user,
            )
