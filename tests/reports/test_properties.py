"""Whatever is posted, the statements agree with each other and with the balances."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.models import Account
from ledger.selectors import trial_balance
from ledger.services import LineInput, entry_post
from reports.selectors import balance_sheet, cash_flow, equity_changes, income_statement
from reports.services import year_close, year_reopen
from reports.statements import cash_balance

pytestmark = pytest.mark.django_db
START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
# No member-money accounts: their lines need a member, which this test does not model.
CODES = [
    "1-1100",
    "1-1200",
    "1-1300",
    "1-2100",
    "1-2190",
    "2-1100",
    "2-1600",
    "3-1300",
    "3-2100",
    "4-1110",
    "4-1210",
    "4-1900",
    "4-9100",
    "5-1200",
    "6-1100",
    "6-1200",
]

entries = st.lists(
    st.tuples(
        st.dates(min_value=dt.date(2025, 6, 1), max_value=dt.date(2026, 12, 31)),
        st.sampled_from(CODES),
        st.sampled_from(CODES),
        st.integers(min_value=1, max_value=10**9),
    ).filter(lambda t: t[1] != t[2]),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=entries)
def test_statements_agree_for_any_postings(db, rows):
    Account.objects.filter(code__in=CODES).update(is_active=True)
    for date, debit, credit, amount in rows:
        entry_post(
            date=date,
            description="acak",
            lines=[
                LineInput(account=debit, debit=Decimal(amount)),
                LineInput(account=credit, credit=Decimal(amount)),
            ],
        )
    bs = balance_sheet(as_of=END)
    assert bs.totals["assets"] == bs.totals["liabilities_and_equity"]
    flow = cash_flow(start=START, end=END)
    assert (
        flow.totals["opening_cash"] + flow.totals["net_change"]
        == flow.totals["closing_cash"]
    )
    assert flow.totals["closing_cash"] == cash_balance(as_of=END)
    equity = equity_changes(start=START, end=END)
    assert equity.totals["closing"] == bs.totals["equity"]
    result = income_statement(start=START, end=END).totals["result"]
    before = balance_sheet(as_of=START - dt.timedelta(days=1)).totals["current_result"]
    assert bs.totals["current_result"] - before == result
    # and closing both years (contra accounts included) changes none of that: the
    # result stays, it is now inside SHU tahun berjalan, and the books still balance
    year_close(year=2025)
    year_close(year=2026)
    try:
        closed = balance_sheet(as_of=END)
        assert closed.totals["current_result"] == 0
        assert closed.totals["assets"] == closed.totals["liabilities_and_equity"]
        assert closed.totals["equity"] == bs.totals["equity"]
        assert income_statement(start=START, end=END).totals["result"] == result
        tb = {r.account.code: r.balance for r in trial_balance(as_of=END).rows}
        assert not [code for code in tb if code[0] in "456"]
        shu_2025 = income_statement(
            start=dt.date(2025, 1, 1), end=START - dt.timedelta(days=1)
        ).totals["result"]
        # 2025's SHU was carried to 3-3100 on 1 January 2026; 3-3200 holds 2026's
        assert -tb.get("3-3200", Decimal(0)) == result
        assert -tb.get("3-3100", Decimal(0)) == shu_2025
    finally:
        year_reopen(year=2026, reason="hypothesis")
        year_reopen(year=2025, reason="hypothesis")
