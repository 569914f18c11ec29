"""The sales demo leaves consistent books."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from ledger.selectors import trial_balance
from sales import selectors
from sales.checks import stock_matches_inventory
from sales.demo import demo_sales

pytestmark = pytest.mark.django_db


def test_demo_sales_fills_a_year_and_the_books_agree(treasurer, make_member):
    members = [make_member(f"Anggota {i}") for i in range(8)]
    summary = demo_sales(rng=random.Random(7), user=treasurer, year=2026)
    assert 25 <= summary["invoices"] <= 60 and summary["voided"] >= 1
    assert summary["payments"] > 0
    tb = trial_balance(as_of=dt.date(2026, 12, 31))
    assert tb.total_debit == tb.total_credit
    assert stock_matches_inventory() == []
    bought = selectors.member_purchases(year=2026)
    assert bought and set(bought) <= {m.pk for m in members}


def test_demo_sales_books_nothing_after_the_day_it_runs(treasurer, make_member):
    from ledger.models import JournalEntry

    for i in range(4):
        make_member(f"Anggota {i}")
    demo_sales(
        rng=random.Random(3), user=treasurer, year=2026, until=dt.date(2026, 9, 30)
    )
    last = JournalEntry.objects.posted().order_by("-date").first()
    assert last.date <= dt.date(2026, 9, 30)
