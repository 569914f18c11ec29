"""Members test helpers: registered + activated members, plans, ledger checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ledger.integrity import ledger_verify
from ledger.selectors import trial_balance
from members.models import Region
from members.services import dues_plan_create, member_activate, member_create


@pytest.fixture
def new_member(db):
    """``new_member(name, *, region, category, active, joined_on)`` via the services."""

    def make(
        name: str = "Siti Aminah",
        *,
        region: str = "3578",
        category: str = "biasa",
        active: bool = True,
        joined_on: dt.date = dt.date(2026, 1, 1),
        email: str | None = None,
    ):
        member = member_create(
            name=name,
            category=category,
            region=Region.objects.get(code=region),
            joined_on=joined_on,
            email=f"{name.split()[0].lower()}@example.org" if email is None else email,
        )
        if active:
            member = member_activate(member=member, date=joined_on)
        return member

    return make


@pytest.fixture
def plans(db):
    """The usual plans: iuran 25.000 and wajib 50.000 monthly for every category."""
    return {
        "iuran": dues_plan_create(
            name="Iuran bulanan", kind="iuran", amount=Decimal(25000)
        ),
        "wajib": dues_plan_create(
            name="Simpanan wajib bulanan", kind="wajib", amount=Decimal(50000)
        ),
    }


def assert_books_ok() -> None:
    """The trial balance nets to zero; verify_ledger (with the members check) passes."""
    tb = trial_balance(as_of=dt.date(2999, 12, 31))
    assert tb.total_debit == tb.total_credit
    report = ledger_verify()
    assert report.ok, [p.message for p in report.problems]
