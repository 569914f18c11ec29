"""Statements agree with each other and with the trial balance."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from ledger.selectors import trial_balance
from reports.selectors import (
    balance_sheet,
    cash_flow,
    equity_changes,
    income_statement,
)
from reports.services import year_close
from tests.reports.fixtures import BANK_END_2026, CASH_END_2026, RESULT_2026

pytestmark = pytest.mark.django_db

D = Decimal
START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def _amount(statement, key):
    return next(line.amounts for line in statement.lines if line.key == key)


def test_income_statement_splits_member_and_public_revenue(demo):
    st = income_statement(start=START, end=END)
    assert st.totals["revenue_member"] == D(8_000_000)
    assert st.totals["revenue_non_member"] == D(7_000_000)
    assert st.totals["returns"] == D(-1_000_000)
    assert st.totals["cogs"] == D(3_000_000)
    assert st.totals["expenses"] == D(2_000_000)
    assert st.totals["result"] == RESULT_2026
    assert _amount(st, "account:4-1100") == (D(5_000_000),)
    assert st.lines[0].label == "Pendapatan usaha dari anggota"
    english = income_statement(start=START, end=END, lang="en")
    assert english.lines[0].label == "Revenue from members"
    assert "Sales - Members" in next(
        line.label for line in english.lines if line.code == "4-1100"
    )


def test_balance_sheet_balances_before_and_after_closing(demo):
    before = balance_sheet(as_of=END)
    assert before.totals["assets"] == before.totals["liabilities_and_equity"]
    assert before.totals["current_result"] == RESULT_2026
    assert _amount(before, "account:3-3200") == (RESULT_2026,)
    year_close(year=2026)
    after = balance_sheet(as_of=END)
    assert after.totals == {**before.totals, "current_result": D(0)}
    assert _amount(after, "account:3-3200") == (RESULT_2026,)


def test_balance_sheet_matches_trial_balance(demo):
    tb = trial_balance(as_of=END)
    assets = sum((row.balance for row in tb.rows if row.account.type == "asset"), D(0))
    assert balance_sheet(as_of=END).totals["assets"] == assets


def test_result_equals_change_in_shu_tahun_berjalan_after_closing(demo):
    result_before = income_statement(start=START, end=END).totals["result"]
    year_close(year=2026)
    tb = {row.account.code: row for row in trial_balance(as_of=END).rows}
    shu_current = tb["3-3200"].credit - tb["3-3200"].debit
    assert shu_current == result_before == RESULT_2026
    # closing entries are not part of the year's performance
    assert income_statement(start=START, end=END).totals["result"] == RESULT_2026
    # and no revenue or expense balance is left
    assert not [c for c in tb if c[0] in "456"]


def test_equity_changes_close_on_the_balance_sheet_equity(demo):
    st = equity_changes(start=START, end=END)
    bs = balance_sheet(as_of=END)
    assert st.totals["closing"] == bs.totals["equity"]
    assert st.totals["opening"] == D(0)
    assert st.totals["result"] == RESULT_2026
    # one column per component: pokok paid in, the year's SHU in the SHU column
    assert st.totals["paid_in:simpanan_pokok"] == D(3_000_000)
    assert st.totals["closing:simpanan_pokok"] == D(3_000_000)
    assert st.totals["shu_of_year:shu"] == st.totals["closing:shu"] == RESULT_2026
    spring = equity_changes(start=dt.date(2026, 3, 1), end=END)
    # capital 50M + pokok 3M + wajib 3M, less February's 3M direct costs (unclosed)
    assert spring.totals["opening"] == D(50_000_000 + 3_000_000 + 3_000_000 - 3_000_000)
    assert spring.totals["closing"] == bs.totals["equity"]


def test_cash_flow_direct_method_reconciles_with_balances(demo):
    st = cash_flow(start=START, end=END)
    assert st.totals["opening_cash"] == D(0)
    assert st.totals["closing_cash"] == CASH_END_2026 + BANK_END_2026
    assert (
        st.totals["opening_cash"] + st.totals["net_change"] == st.totals["closing_cash"]
    )
    # capital and shares are financing; the laptop is investing; the rest operating
    assert st.totals["financing"] == D(50_000_000 + 3_000_000 + 3_000_000 + 1_500_000)
    assert st.totals["investing"] == D(-4_000_000)
    assert st.totals["operating"] == D(
        5_550_000 + 7_000_000 + 3_000_000 - 3_000_000 - 2_000_000 - 1_000_000
    )
    # a later range opens with the earlier closing cash
    h2 = cash_flow(start=dt.date(2026, 7, 1), end=END)
    h1 = cash_flow(start=START, end=dt.date(2026, 6, 30))
    assert h2.totals["opening_cash"] == h1.totals["closing_cash"]
    assert h1.totals["net_change"] + h2.totals["net_change"] == st.totals["net_change"]


def test_members_capital_booked_as_liability_is_financing(db, make_member):
    # given pokok booked to the liability account 2-1210 (SAK EP setting) and an
    # overpayment held as member credit 2-1230
    from reports.selectors import cashbook
    from tests.reports.fixtures import post

    ani = make_member("Ani", number="CF-001")
    day = dt.date(2026, 2, 1)
    post(day, "Simpanan pokok", ("1-1100", "D", 500_000), ("2-1210", "C", 500_000, ani))
    post(day, "Titipan", ("1-1100", "D", 100_000), ("2-1230", "C", 100_000, ani))
    # when the cash flow and the members' cash book are read
    st = cash_flow(start=START, end=END)
    book = cashbook(year=2026)
    # then members' capital and money held for them are financing, and both are
    # "dues & shares" in the book
    assert _amount(st, "flow:simpanan_pokok") == (D(500_000),)
    assert _amount(st, "flow:simpanan_sukarela") == (D(100_000),)
    assert st.totals["financing"] == D(600_000)
    assert book.months[1].money_in["dues_shares"] == D(600_000)
    assert book.months[1].money_in["other"] == 0


def test_statements_tie_out_after_close_distribution_and_pay_out(demo):
    # given 2026 closed, its SHU distributed and paid in January 2027, and a 2027 sale
    from reports.services import shu_allocation_set, shu_distribute, shu_pay_out
    from tests.reports.fixtures import post

    year_close(year=2026)
    shu_allocation_set(
        year=2026,
        parts=[
            {"kind": "capital", "percent": "40"},
            {"kind": "business", "percent": "30"},
            {"kind": "reserve", "percent": "20"},
            {"kind": "education", "percent": "10"},
        ],
    )
    jan = dt.date(2027, 1, 20)
    shu_distribute(year=2026, date=jan)
    shu_pay_out(year=2026, method="cash", date=jan)
    post(
        dt.date(2027, 3, 1), "Jasa", ("1-1100", "D", 700_000), ("4-1310", "C", 700_000)
    )
    for day in (END, jan, dt.date(2027, 2, 1), dt.date(2027, 12, 31)):
        # then the balance sheet balances, the equity statement closes on its equity
        # and the cash flow closes on cash plus bank, at every date
        bs = balance_sheet(as_of=day)
        assert bs.totals["assets"] == bs.totals["liabilities_and_equity"], day
        eq = equity_changes(start=START, end=day)
        assert eq.totals["closing"] == bs.totals["equity"], day
        cf = cash_flow(start=START, end=day)
        tb = {r.account.code: r.balance for r in trial_balance(as_of=day).rows}
        cash = sum(tb.get(c, D(0)) for c in ("1-1100", "1-1110", "1-1200"))
        assert cf.totals["closing_cash"] == cash
        assert cf.totals["opening_cash"] + cf.totals["net_change"] == cash
    # and 2027's result is the change the 2027 closing makes in 3-3200
    with time_machine.travel(dt.datetime(2028, 1, 3, tzinfo=JAKARTA), tick=True):
        year_close(year=2027)
    result = income_statement(start=dt.date(2027, 1, 1), end=dt.date(2027, 12, 31))
    assert result.totals["result"] == D(700_000)
    tb = {
        r.account.code: r.balance
        for r in trial_balance(as_of=dt.date(2027, 12, 31)).rows
    }
    assert -tb.get("3-3200", D(0)) == D(700_000)
