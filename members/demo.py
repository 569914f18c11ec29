"""Demo data for ``manage.py seed_demo``: a realistic cooperative built through the
services, so that the ledger is real and ``verify_ledger`` stays green.

Other apps add their own steps: define ``<app>/demo.py`` and call
``register_demo_step(fn)`` at import; the command imports every installed app's
``demo`` module, then runs ``DEMO_STEPS`` in order. A step is ``fn(ctx: DemoContext)``.

The members steps: staff users, dues plans, ~N members over the 38 regions (mostly
``biasa``), pokok for everyone, monthly iuran and wajib from 2026-01 to the current
month of 2026 with realistic payment behaviour (most pay on time, some late, some in
arrears, a few pay the year in advance), sukarela deposits and withdrawals, a few
waivers, suspensions, applicants and resignations.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.utils import timezone

from members.models import DuesPlan, ItemStatus, Member, OpenItem, Region
from members.services import (
    dues_issue_period,
    dues_plan_create,
    item_waive,
    member_create,
    member_suspend,
    members_activate,
    payment_record,
    resignation_approve,
    resignation_pay_out,
    resignation_request,
    share_transaction_record,
)
from members.services.common import due_date_for

YEAR = 2026
FIRST_NAMES = [
    "Siti",
    "Ahmad",
    "Dewi",
    "Budi",
    "Rina",
    "Agus",
    "Sri",
    "Eko",
    "Nur",
    "Dian",
    "Wahyu",
    "Fitri",
    "Hendra",
    "Lestari",
    "Joko",
    "Ratna",
    "Bambang",
    "Indah",
    "Yusuf",
    "Ayu",
    "Rizky",
    "Putri",
    "Fajar",
    "Wulan",
    "Hadi",
    "Maya",
    "Arif",
    "Nanik",
    "Teguh",
    "Yuli",
    "Imam",
    "Endang",
    "Slamet",
    "Kartika",
    "Dimas",
    "Anisa",
    "Heru",
    "Retno",
    "Galih",
]
LAST_NAMES = [
    "Rahmawati",
    "Santoso",
    "Wijaya",
    "Susanti",
    "Prasetyo",
    "Hidayat",
    "Kusuma",
    "Lestari",
    "Saputra",
    "Handayani",
    "Nugroho",
    "Purnomo",
    "Maharani",
    "Setiawan",
    "Wulandari",
    "Firmansyah",
    "Utami",
    "Kurniawan",
    "Permatasari",
    "Hartono",
    "Ramadhan",
    "Anggraini",
    "Gunawan",
    "Safitri",
    "Suryadi",
]
#: (category, weight)
CATEGORIES = (("biasa", 85), ("luar_biasa", 7), ("rekan", 6), ("kehormatan", 2))
#: (name, kind, amount, category): kehormatan members pay no dues.
PLANS = (
    ("Iuran bulanan - biasa", "iuran", 25000, "biasa"),
    ("Iuran bulanan - luar biasa", "iuran", 25000, "luar_biasa"),
    ("Iuran bulanan - rekan", "iuran", 10000, "rekan"),
    ("Simpanan wajib - biasa", "wajib", 50000, "biasa"),
    ("Simpanan wajib - luar biasa", "wajib", 50000, "luar_biasa"),
    ("Simpanan wajib - rekan", "wajib", 20000, "rekan"),
)
#: Payment behaviour: (profile, weight)
PROFILES = (("on_time", 65), ("late", 20), ("arrears", 10), ("advance", 5))
DEMO_MARKER_USER = "bendahara"


@dataclass
class DemoContext:
    rng: random.Random
    members: int
    password: str
    today: dt.date
    write: Callable[[str], None]
    data: dict = field(default_factory=dict)

    @property
    def last_month(self) -> int:
        """The last month of 2026 to simulate (the current one, or December)."""
        if self.today.year > YEAR:
            return 12
        return max(1, self.today.month if self.today.year == YEAR else 1)


DemoStep = Callable[[DemoContext], None]
DEMO_STEPS: list[DemoStep] = []


def register_demo_step(step: DemoStep) -> DemoStep:
    """Append ``step`` to the steps seed_demo runs (idempotent; usable as decorator)."""
    if step not in DEMO_STEPS:
        DEMO_STEPS.append(step)
    return step


def demo_seeded() -> bool:
    """True when demo (or real) data is already there: seed_demo then does nothing."""
    User = get_user_model()
    return (
        User.objects.filter(username=DEMO_MARKER_USER).exists()
        or Member.objects.exists()
    )


def _weighted(rng: random.Random, options) -> str:
    names, weights = zip(*options, strict=True)
    return rng.choices(names, weights=weights)[0]


def _day(rng: random.Random, year: int, month: int, low: int, high: int) -> dt.date:
    last = due_date_for(year, month).day if month else 28
    return dt.date(year, month, min(rng.randint(low, high), last))


@register_demo_step
def staff_step(ctx: DemoContext) -> None:
    """The treasurer ``bendahara`` and the ``auditor`` (through add_user)."""
    for username, role in (("bendahara", "treasurer"), ("auditor", "auditor")):
        call_command(
            "add_user",
            username,
            "--role",
            role,
            "--password",
            ctx.password,
            stdout=_Sink(),
        )
    ctx.data["treasurer"] = get_user_model().objects.get(username="bendahara")
    ctx.write("users: bendahara (treasurer), auditor (auditor)")


class _Sink:
    def write(self, *args, **kwargs) -> None:
        """Swallow the sub-command's output."""


@register_demo_step
def plans_step(ctx: DemoContext) -> None:
    user = ctx.data.get("treasurer")
    for name, kind, amount, category in PLANS:
        if not DuesPlan.objects.filter(name=name).exists():
            dues_plan_create(
                name=name,
                kind=kind,
                amount=Decimal(amount),
                category=category,
                user=user,
            )
    ctx.write(f"dues plans: {len(PLANS)}")


@register_demo_step
def members_step(ctx: DemoContext) -> None:
    """Register the members with a login each (username = member number, lowercase).

    All logins share one password hash (hashed once: hashing per user would take
    minutes); joined dates: most before 2026 (activated when the books start,
    2026-01-01), some joining during 2026."""
    rng = ctx.rng
    user = ctx.data.get("treasurer")
    User = get_user_model()
    regions = list(Region.objects.order_by("code"))
    password_hash = make_password(ctx.password)
    people = []
    for _ in range(ctx.members):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        new = rng.random() < 0.12
        joined = (
            _day(rng, YEAR, rng.randint(1, ctx.last_month), 1, 28)
            if new
            else dt.date(
                rng.randint(2018, 2025), rng.randint(1, 12), rng.randint(1, 28)
            )
        )
        people.append((name, _weighted(rng, CATEGORIES), rng.choice(regions), joined))
    people.sort(key=lambda row: row[3])
    members = []
    for index, (name, category, region, joined) in enumerate(people, start=1):
        login = User.objects.create(username=f"jtm-{index:05d}", password=password_hash)
        slug = name.lower().replace(" ", ".")
        member = member_create(
            name=name,
            category=category,
            region=region,
            joined_on=joined,
            email=f"{slug}{index}@contoh.id",
            phone=f"08{rng.randint(1000000000, 9999999999)}",
            user_account=login,
            user=user,
        )
        if member.number.lower() != login.username:
            login.username = member.number.lower()
            login.save(update_fields=["username"])
        members.append(member)
    ctx.data["members"] = members
    ctx.write(f"members: {len(members)} (logins: member number in lowercase)")


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


@register_demo_step
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


@register_demo_step
def lifecycle_step(ctx: DemoContext) -> None:
    """A few waivers, two suspensions and a couple of resignations (one paid out)."""
    rng = ctx.rng
    user = ctx.data.get("treasurer")
    accounts = [a for a in ctx.data.get("accounts", []) if a.active]
    when = min(ctx.today, dt.date(YEAR, ctx.last_month, 1) + dt.timedelta(days=14))
    arrears = [a for a in accounts if a.profile == "arrears"]
    waived = 0
    for acc in arrears[:3]:
        item = (
            OpenItem.objects.filter(
                member=acc.member, status=ItemStatus.OPEN, kind="iuran"
            )
            .order_by("due_date")
            .first()
        )
        if item is not None:
            item_waive(
                item=item, reason="Terdampak bencana banjir", date=when, user=user
            )
            waived += 1
    for acc in arrears[3:5]:
        member_suspend(
            member=acc.member, reason="Menunggak lebih dari 6 bulan", user=user
        )
    veterans = [
        a for a in accounts if a.profile == "on_time" and a.member.joined_on.year < YEAR
    ]
    leavers = rng.sample(veterans, k=min(3, len(veterans)))
    for index, acc in enumerate(leavers):
        kind = "deceased" if index == 2 else "resigned"
        resignation_request(
            member=acc.member,
            reason="Pindah tugas ke luar provinsi" if kind == "resigned" else "Wafat",
            kind=kind,
            date=when,
            user=user,
        )
        if index < 2:
            resignation = resignation_approve(member=acc.member, date=when, user=user)
            if index == 0 and resignation.status == "approved":
                resignation_pay_out(
                    member=acc.member, method="bank", date=when, user=user
                )
    ctx.write(f"waivers: {waived}; suspended: 2; resignations: 3 (2 approved, 1 paid)")


def demo_run(
    *, members: int, seed: int, password: str, write: Callable[[str], None]
) -> DemoContext:
    """Run every registered step in order with one shared context."""
    ctx = DemoContext(
        rng=random.Random(seed),
        members=members,
        password=password,
        today=timezone.localdate(),
        write=write,
    )
    for step in DEMO_STEPS:
        step(ctx)
    return ctx
