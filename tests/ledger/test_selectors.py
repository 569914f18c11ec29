"""Balances as of a date, the trial balance, the chart with balances and an account's
ledger with running balances."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ledger.models import Account
from ledger.selectors import (
    account_balance,
    account_ledger_lines,
    account_ledger_page,
    chart_with_balances,
    trial_balance,
    with_running_balance,
)
from ledger.services import LineInput, entry_draft_create, entry_post, entry_reverse

pytestmark = pytest.mark.django_db


def acct(code: str) -> Account:
    return Account.objects.get(code=code)


def test_balance_as_of_counts_everything_up_to_and_including_the_date(post):
    # given cash receipts at month ends, mid-month and the first of a month
    post(date=dt.date(2025, 12, 31), amount=1)
    post(date=dt.date(2026, 1, 1), amount=10)
    post(date=dt.date(2026, 1, 15), amount=100)
    post(date=dt.date(2026, 1, 31), amount=1000)
    post(date=dt.date(2026, 2, 1), amount=10000)
    post(date=dt.date(2026, 3, 10), amount=100000)
    cash, income = acct("1-1100"), acct("4-9100")

    expected = {
        dt.date(2025, 12, 30): 0,
        dt.date(2025, 12, 31): 1,
        dt.date(2026, 1, 1): 11,
        dt.date(2026, 1, 14): 11,
        dt.date(2026, 1, 15): 111,
        dt.date(2026, 1, 30): 111,
        dt.date(2026, 1, 31): 1111,
        dt.date(2026, 2, 1): 11111,
        dt.date(2026, 2, 28): 11111,
        dt.date(2026, 3, 9): 11111,
        dt.date(2026, 3, 10): 111111,
        dt.date(2027, 1, 1): 111111,
    }
    for day, amount in expected.items():
        # then the debit-normal and credit-normal sides both read positive
        assert account_balance(account=cash, as_of=day) == Decimal(amount), day
        assert account_balance(account=income, as_of=day) == Decimal(amount), day


def test_contra_accounts_show_their_own_normal_side(post):
    # given equipment bought and depreciated (accumulated depreciation is contra)
    post(date=dt.date(2026, 1, 2), debit="1-2100", credit="1-1200", amount=12_000_000)
    post(date=dt.date(2026, 1, 31), debit="6-1500", credit="1-2190", amount=1_000_000)
    post(date=dt.date(2026, 2, 28), debit="6-1500", credit="1-2190", amount=1_000_000)
    # and a sales return (contra revenue)
    post(date=dt.date(2026, 2, 10), debit="4-1900", credit="1-1100", amount=50_000)

    # then the contra balances are positive on their credit / debit side
    assert account_balance(account=acct("1-2190"), as_of=dt.date(2026, 2, 1)) == (
        1_000_000
    )
    assert account_balance(account=acct("1-2190"), as_of=dt.date(2026, 3, 1)) == (
        2_000_000
    )
    assert account_balance(account=acct("4-1900"), as_of=dt.date(2026, 3, 1)) == 50_000
    assert account_balance(account=acct("1-2100"), as_of=dt.date(2026, 3, 1)) == (
        12_000_000
    )


def test_drafts_do_not_count(post):
    post(amount=500)
    entry_draft_create(
        date=dt.date(2026, 1, 15),
        description="Draf",
        lines=[LineInput("1-1100", debit="7"), LineInput("4-9100", credit="7")],
    )
    assert account_balance(account=acct("1-1100"), as_of=dt.date(2026, 12, 31)) == 500


def test_trial_balance_has_one_row_per_leaf_with_a_balance_and_equal_totals(post):
    # given receipts, an expense, a contra posting and an entry netting to zero
    post(date=dt.date(2026, 1, 5), debit="1-1100", credit="3-1300", amount=5_000_000)
    post(date=dt.date(2026, 1, 20), debit="6-1200", credit="1-1100", amount=250_000)
    post(date=dt.date(2026, 2, 3), debit="1-1200", credit="1-1100", amount=1_000_000)
    post(date=dt.date(2026, 2, 4), debit="1-1100", credit="1-1200", amount=1_000_000)
    post(date=dt.date(2026, 2, 5), debit="4-1900", credit="1-1100", amount=20_000)
    post(date=dt.date(2026, 3, 1), debit="1-1100", credit="4-9100", amount=999)

    # when the trial balance is taken as of February's end
    tb = trial_balance(as_of=dt.date(2026, 2, 28))

    # then each leaf with a balance has one row with its net on its side
    rows = [(row.account.code, row.debit, row.credit, row.balance) for row in tb.rows]
    assert rows == [
        ("1-1100", Decimal(4_730_000), 0, Decimal(4_730_000)),
        ("3-1300", 0, Decimal(5_000_000), Decimal(-5_000_000)),
        ("4-1900", Decimal(20_000), 0, Decimal(20_000)),
        ("6-1200", Decimal(250_000), 0, Decimal(250_000)),
    ]
    assert tb.total_debit == tb.total_credit == Decimal(5_000_000)
    assert tb.as_of == dt.date(2026, 2, 28)
    assert all(not row.account.is_group for row in tb.rows)


def test_trial_balance_of_an_empty_ledger_is_empty():
    tb = trial_balance(as_of=dt.date(2026, 1, 1))
    assert tb.rows == [] and tb.total_debit == tb.total_credit == 0


def test_chart_with_balances_sums_groups_in_their_normal_sense(post):
    # given equipment with depreciation, cash and a reversed entry
    post(date=dt.date(2026, 1, 2), debit="1-2100", credit="3-1300", amount=9_000)
    post(date=dt.date(2026, 1, 3), debit="6-1500", credit="1-2190", amount=1_500)
    post(date=dt.date(2026, 1, 4), debit="1-1100", credit="3-1300", amount=700)
    wrong = post(date=dt.date(2026, 1, 5), debit="1-1200", credit="3-1300", amount=3)
    entry_reverse(entry=wrong, date=dt.date(2026, 1, 6))

    # when the chart is read with balances
    chart = {
        account.code: balance
        for account, balance in chart_with_balances(as_of=dt.date(2026, 1, 31))
    }

    # then groups sum their descendants, contra accounts reduce their group
    assert chart["1-2100"] == 9_000 and chart["1-2190"] == 1_500
    assert chart["1-2"] == 7_500
    assert chart["1-1"] == 700 and chart["1-1200"] == 0
    assert chart["1"] == 8_200
    assert chart["3-1"] == chart["3"] == 9_700
    assert chart["6"] == 1_500
    assert chart["2"] == 0 and chart["4"] == 0
    # and every account appears once, in code order
    codes = list(chart)
    assert codes == sorted(codes) and len(codes) == Account.objects.count()


def test_account_ledger_running_balance_is_right_across_page_boundaries(post):
    # given many cash movements, several per day, one entry touching cash twice
    amounts = [
        (dt.date(2026, 1, 31), 100, "in"),
        (dt.date(2026, 1, 31), 40, "out"),
        (dt.date(2026, 2, 1), 7, "in"),
        (dt.date(2026, 2, 1), 3, "out"),
        (dt.date(2026, 2, 1), 1000, "in"),
        (dt.date(2026, 2, 15), 500, "out"),
        (dt.date(2026, 2, 28), 60, "in"),
        (dt.date(2026, 3, 1), 20, "out"),
    ]
    for day, amount, way in amounts:
        if way == "in":
            post(date=day, debit="1-1100", credit="4-9100", amount=amount)
        else:
            post(date=day, debit="6-1200", credit="1-1100", amount=amount)
    entry_post(
        date=dt.date(2026, 2, 1),
        description="Kas dua baris",
        lines=[
            LineInput("1-1100", debit="11"),
            LineInput("1-1100", credit="5"),
            LineInput("4-9100", credit="6"),
        ],
    )
    # an earlier-dated entry posted last goes before the others in ledger order
    post(date=dt.date(2026, 1, 1), debit="1-1100", credit="4-9100", amount=9)
    cash = acct("1-1100")
    lines = account_ledger_lines(account=cash)
    everything = list(lines)
    assert len(everything) == 11

    # then the running balance computed page by page equals the one computed in full
    expected, running = [], Decimal(0)
    for line in everything:
        running += line.amount.amount if line.side == "D" else -line.amount.amount
        expected.append(running)
    for size in (1, 2, 3, 4, 5):
        paged = []
        for start in range(0, len(everything), size):
            page = list(lines[start : start + size])
            paged += [
                balance for _, balance in with_running_balance(account=cash, lines=page)
            ]
        assert paged == expected, size
    assert expected[-1] == account_balance(account=cash, as_of=dt.date(2026, 12, 31))
    assert everything[0].entry.date == dt.date(2026, 1, 1)


def test_running_balance_on_a_credit_normal_account_and_date_filters(post):
    income = acct("4-9100")
    post(date=dt.date(2026, 1, 10), amount=100)
    post(date=dt.date(2026, 2, 10), amount=50)
    post(date=dt.date(2026, 2, 20), debit="4-9100", credit="1-1100", amount=30)

    page = list(account_ledger_lines(account=income, date_from=dt.date(2026, 2, 1)))
    balances = [
        balance for _, balance in with_running_balance(account=income, lines=page)
    ]

    assert balances == [Decimal(150), Decimal(120)]
    assert with_running_balance(account=income, lines=[]) == []
    assert (
        len(list(account_ledger_lines(account=income, date_to=dt.date(2026, 1, 31))))
        == 1
    )


def test_keyset_pages_forward_and_back_give_the_full_running_balance(post):
    # Given cash movements over several days, some on the same day, one drafted
    # earlier and posted later, and one posted out of date order
    for day, amount in [(3, 10), (3, 20), (5, 7), (9, 100), (9, 1), (12, 40)]:
        post(date=dt.date(2026, 4, day), amount=amount)
    draft = entry_draft_create(
        date=dt.date(2026, 4, 5),
        description="Draf",
        lines=[LineInput("1-1100", debit="3"), LineInput("4-9100", credit="3")],
    )
    post(date=dt.date(2026, 4, 1), debit="6-1200", credit="1-1100", amount=5)
    from ledger.services import entry_draft_post

    entry_draft_post(entry=draft)
    cash = acct("1-1100")
    full = [
        balance
        for _, balance in with_running_balance(
            account=cash, lines=list(account_ledger_lines(account=cash))
        )
    ]
    assert len(full) == 8 and full[-1] == Decimal(176)

    for size in (1, 2, 3, 8, 50):
        # When the ledger is read forward by next cursors
        forward, page = [], account_ledger_page(account=cash, size=size)
        while True:
            forward += [balance for _, balance in page.rows]
            if page.next_cursor is None:
                break
            page = account_ledger_page(account=cash, cursor=page.next_cursor, size=size)
        # and backward from the last page by previous cursors
        backward, page = [], account_ledger_page(account=cash, last=True, size=size)
        while True:
            backward = [balance for _, balance in page.rows] + backward
            if page.previous_cursor is None:
                break
            page = account_ledger_page(
                account=cash, cursor=page.previous_cursor, size=size
            )
        # Then both give every line with the same running balances
        assert forward == full, size
        assert backward == full, size
