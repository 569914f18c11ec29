"""The first demo steps: staff users, dues plans and the member registry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command

from members.demo.context import YEAR, DemoContext, _day, _weighted
from members.models import DuesPlan, Region
from members.services import (
    dues_plan_create,
    member_create,
)

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


def staff_step(ctx: DemoContext) -> None:
    """The treasurer ``bendahara`` and the ``auditor`` (through add_user), with email
    addresses so a failed nightly verification reaches someone."""
    staff = (
        ("bendahara", "treasurer", "bendahara@contoh.id"),
        ("auditor", "auditor", "pengawas@contoh.id"),
    )
    for username, role, email in staff:
        call_command(
            "add_user",
            username,
            "--role",
            role,
            "--password",
            ctx.password,
            "--email",
            email,
            stdout=_Sink(),
        )
    ctx.data["treasurer"] = get_user_model().objects.get(username="bendahara")
    ctx.write("users: bendahara (treasurer), auditor (auditor)")


class _Sink:
    def write(self, *args, **kwargs) -> None:
        """Swallow the sub-command's output."""


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
