"""SHU: allocation table, preview, distribution and pay-out."""

import datetime as dt
from decimal import Decimal

import pytest

from ledger.integrity import ledger_verify
from ledger.models import EntrySource
from ledger.selectors import trial_balance
from reports.errors import (
    InvalidShuAllocation,
    NothingToAllocate,
    ShuAllocationMissing,
    ShuAllocationNot100,
    ShuAlreadyDistributed,
    ShuAlreadyPaid,
    ShuNotDistributed,
    YearNotClosed,
)
from reports.selectors import member_shu, shu_preview
from reports.services import (
    shu_allocation_set,
    shu_distribute,
    shu_pay_out,
    year_close,
    year_reopen,
)
from tests.reports.fixtures import RESULT_2026, post

pytestmark = pytest.mark.django_db
D = Decimal
TABLE = [
    {"kind": "capital", "percent": "40"},
    {"kind": "business", "percent": "30"},
    {"kind": "reserve", "percent": "20"},
    {"kind": "fund", "account": "2-1430", "percent": "10", "name": "Pendidikan"},
]
JAN = dt.date(2027, 1, 20)


def _balances(as_of):
    return {r.account.code: r.balance for r in trial_balance(as_of=as_of).rows}


def test_ksp_anugerah_textbook_example(db, make_member):
    # given SHU 2,000,000, simpanan 10,000,000 (Widya 500,000) and member purchases
    # 15,000,000 (Widya 1,000,000); pools 20% capital and 30% business
    widya = make_member("Widya", number="KSP-001")
    other = make_member("Lainnya", number="KSP-002")
    d = dt.date(2010, 3, 1)
    post(
        d,
        "Simpanan",
        ("1-1100", "D", 10_000_000),
        ("3-1100", "C", 500_000, widya),
        ("3-1200", "C", 9_500_000, other),
    )
    post(
        d,
        "Penjualan anggota",
        ("1-1100", "D", 15_000_000),
        ("4-1100", "C", 1_000_000, widya),
        ("4-1100", "C", 14_000_000, other),
    )
    post(d, "Beban", ("6-1200", "D", 13_000_000), ("1-1100", "C", 13_000_000))
    shu_allocation_set(
        year=2010,
        parts=[
            {"kind": "reserve", "percent": "50"},
            {"kind": "capital", "percent": "20"},
            {"kind": "business", "percent": "30"},
        ],
    )
    # when previewed
    preview = shu_preview(year=2010)
    # then Widya gets the published 20,000 + 40,000 = 60,000
    assert preview.shu == D(2_000_000)
    row = member_shu(member=widya, year=2010)
    assert (row.capital_share, row.business_share, row.total) == (
        20_000,
        40_000,
        60_000,
    )


def test_allocation_must_add_up_to_100(demo):
    with pytest.raises(ShuAllocationNot100) as info:
        shu_allocation_set(
            year=2026,
            parts=[
                {"kind": "reserve", "percent": "40"},
                {"kind": "capital", "percent": "40"},
                {"kind": "management", "percent": "5"},
                {"kind": "staff", "percent": "5"},
                {"kind": "education", "percent": "5"},
                {"kind": "social", "percent": "5"},
                {"kind": "business", "percent": "5"},
            ],
        )
    assert info.value.code == "shu_allocation_not_100"


@pytest.mark.parametrize(
    "parts",
    [
        [{"kind": "capital", "percent": "-10"}, {"kind": "reserve", "percent": "110"}],
        [{"kind": "capital", "percent": "50"}, {"kind": "capital", "percent": "50"}],
        [{"kind": "fund", "percent": "100"}],
        [{"kind": "fund", "account": "1-1100", "percent": "100"}],
        [{"kind": "reserve", "account": "2-1400", "percent": "100"}],
        [{"kind": "bonus", "percent": "100"}],
        [{"kind": "reserve", "percent": "abc"}],
        [{"kind": "reserve", "percent": 100.0}],
        [],
    ],
)
def test_invalid_tables_are_refused(demo, parts):
    with pytest.raises(InvalidShuAllocation):
        shu_allocation_set(year=2026, parts=parts)


def test_preview_splits_parts_and_members_by_largest_remainder(demo):
    assert shu_preview(year=2026).parts == []
    shu_allocation_set(year=2026, parts=TABLE)
    preview = shu_preview(year=2026)
    assert preview.shu == RESULT_2026
    assert [p.amount for p in preview.parts] == [
        D(3_600_000),
        D(2_700_000),
        D(1_800_000),
        D(900_000),
    ]
    assert [p.account for p in preview.parts] == [
        "2-1400",
        "2-1400",
        "3-2100",
        "2-1430",
    ]
    rows = {r.member.number: r for r in preview.members}
    # capital: simpanan 3M / 2M / 1M of 6M (sukarela not counted by default)
    assert [rows[n].capital_share for n in sorted(rows)] == [
        D(1_800_000),
        D(1_200_000),
        D(600_000),
    ]
    # business: purchases 4M (5M less a 1M return) and 3M of 7M: the leftover rupiah
    # goes to the larger fraction (.857 for JTM-00002)
    assert rows["JTM-00001"].business_share == D(1_542_857)
    assert rows["JTM-00002"].business_share == D(1_157_143)
    assert rows["JTM-00003"].business_share == 0
    assert sum(r.total for r in preview.members) == D(3_600_000 + 2_700_000)


def test_sukarela_counts_as_capital_when_configured(demo, settings):
    settings.ESTAMA_SHU_SUKARELA_AS_CAPITAL = True
    shu_allocation_set(year=2026, parts=TABLE)
    rows = {r.member.number: r for r in shu_preview(year=2026).members}
    assert rows["JTM-00003"].capital_base == D(2_500_000)
    assert sum(r.capital_share for r in rows.values()) == D(3_600_000)


def test_distribute_posts_once_after_closing(demo, treasurer):
    with pytest.raises(YearNotClosed):
        shu_distribute(year=2026, date=JAN)
    year_close(year=2026)
    with pytest.raises(ShuAllocationMissing):
        shu_distribute(year=2026, date=JAN)
    shu_allocation_set(year=2026, parts=TABLE)
    entry = shu_distribute(year=2026, date=JAN, user=treasurer)
    assert entry.source == EntrySource.SHU
    balances = _balances(JAN)
    assert "3-3200" not in balances
    assert balances["3-2100"] == -D(1_800_000)
    assert balances["2-1430"] == -D(900_000)
    assert balances["2-1400"] == -D(6_300_000)
    member_lines = entry.lines.filter(account__code="2-1400")
    assert all(line.member_id for line in member_lines)
    assert ledger_verify().ok
    with pytest.raises(ShuAlreadyDistributed):
        shu_distribute(year=2026, date=JAN)
    with pytest.raises(ShuAlreadyDistributed):
        year_reopen(year=2026, reason="koreksi")
    with pytest.raises(ShuAlreadyDistributed):
        shu_allocation_set(year=2026, parts=TABLE)


def test_distribution_refuses_a_pool_nobody_can_receive(db, make_member):
    post(
        dt.date(2026, 5, 1),
        "Penjualan umum",
        ("1-1100", "D", 1_000_000),
        ("4-1110", "C", 1_000_000),
    )
    year_close(year=2026)
    shu_allocation_set(year=2026, parts=TABLE)
    assert shu_preview(year=2026).unallocated == D(400_000 + 300_000)
    with pytest.raises(NothingToAllocate):
        shu_distribute(year=2026, date=JAN)


def test_pay_out_to_cash_clears_members_part(demo, treasurer):
    year_close(year=2026)
    shu_allocation_set(year=2026, parts=TABLE)
    with pytest.raises(ShuNotDistributed):
        shu_pay_out(year=2026, method="cash", date=JAN)
    shu_distribute(year=2026, date=JAN)
    cash_before = _balances(JAN)["1-1100"]
    shu_pay_out(year=2026, method="cash", date=JAN, user=treasurer)
    balances = _balances(JAN)
    assert "2-1400" not in balances
    assert balances["1-1100"] == cash_before - D(6_300_000)
    with pytest.raises(ShuAlreadyPaid):
        shu_pay_out(year=2026, method="cash", date=JAN)
    assert ledger_verify().ok


def test_pay_out_to_sukarela(demo, settings):
    settings.ESTAMA_SHU_PAYOUT_TO = "sukarela"
    year_close(year=2026)
    shu_allocation_set(year=2026, parts=TABLE)
    shu_distribute(year=2026, date=JAN)
    entry = shu_pay_out(year=2026, method="cash", date=JAN)
    credits = {
        line.member.number: line.amount.amount
        for line in entry.lines.filter(account__code="2-1200")
    }
    assert credits == {
        "JTM-00001": D(1_800_000 + 1_542_857),
        "JTM-00002": D(1_200_000 + 1_157_143),
        "JTM-00003": D(600_000),
    }
    assert "2-1400" not in _balances(JAN)


def test_smpn20_distribution_posts_exactly_7097245(db, make_member):
    # given SHU 7,097,245 (Koperasi SMPN 20) and the table 25/45/15/2.5/5/2.5/5
    a = make_member("Ani", number="SMP-001")
    b = make_member("Bambang", number="SMP-002")
    day = dt.date(2026, 9, 1)
    post(
        day,
        "Simpanan",
        ("1-1100", "D", 3_000_000),
        ("3-1100", "C", 1_000_000, a),
        ("3-1200", "C", 2_000_000, b),
    )
    post(day, "Penjualan", ("1-1100", "D", 10_000_000), ("4-1100", "C", 10_000_000, a))
    post(day, "Beban", ("6-1200", "D", 2_902_755), ("1-1100", "C", 2_902_755))
    year_close(year=2026)
    shu_allocation_set(
        year=2026,
        parts=[
            {"kind": "reserve", "percent": "25"},
            {"kind": "capital", "percent": "45"},
            {"kind": "business", "percent": "15"},
            {"kind": "management", "percent": "2.5"},
            {"kind": "staff", "percent": "5"},
            {"kind": "education", "percent": "2.5"},
            {"kind": "social", "percent": "5"},
        ],
    )
    # when the distribution is posted
    entry = shu_distribute(year=2026, date=JAN)
    # then every rupiah is posted: Dr 3-3200 7,097,245 = the credits, part by part
    lines = list(entry.lines.select_related("account"))
    debit = sum(x.amount.amount for x in lines if x.side == "D")
    credits = {}
    for x in lines:
        if x.side == "C":
            code = x.account.code
            credits[code] = credits.get(code, D(0)) + x.amount.amount
    assert debit == sum(credits.values()) == D(7_097_245)
    assert credits == {
        "3-2100": D(1_774_312),
        "2-1400": D(3_193_760 + 1_064_587),
        "2-1410": D(177_431),
        "2-1420": D(354_862),
        "2-1430": D(177_431),
        "2-1440": D(354_862),
    }
    # capital 3,193,760 over simpanan 1M : 2M, business 1,064,587 all to Ani
    rows = {r.member.number: r for r in shu_preview(year=2026).members}
    assert rows["SMP-001"].capital_share == D(1_064_587)
    assert rows["SMP-002"].capital_share == D(2_129_173)
    assert rows["SMP-001"].business_share == D(1_064_587)
    assert ledger_verify().ok


def test_pay_out_before_the_distribution_is_refused(demo):
    from ledger.errors import InvalidDate

    year_close(year=2026)
    shu_allocation_set(year=2026, parts=TABLE)
    shu_distribute(year=2026, date=JAN)
    with pytest.raises(InvalidDate):
        shu_pay_out(year=2026, method="cash", date=JAN - dt.timedelta(days=5))
    assert shu_pay_out(year=2026, method="cash", date=JAN).date == JAN


def test_a_table_with_too_many_parts_is_refused(demo):
    # 51 parts of which 50 are 2% and one 0%: adds up, but no RAT table is that long
    # (and positions must stay within their column)
    parts = [{"kind": "reserve", "percent": "2"} for _ in range(50)]
    with pytest.raises(InvalidShuAllocation):
        shu_allocation_set(
            year=2026, parts=[*parts, {"kind": "social", "percent": "0"}]
        )
    assert len(shu_allocation_set(year=2026, parts=parts)) == 50


def test_capital_share_counts_only_paid_simpanan(db, make_member):
    # given two members billed simpanan wajib 1,000,000 for March: Ani pays, Budi
    # does not (his wajib is an arrear on 31 December, not paid simpanan)
    from members.services import dues_issue_period, dues_plan_create, payment_record

    ani = make_member("Ani", number="PAY-001")
    budi = make_member("Budi", number="PAY-002")
    dues_plan_create(name="Wajib", kind="wajib", amount=D(1_000_000))
    dues_issue_period(period="2026-03")
    payment_record(
        member=ani, amount=D(1_000_000), method="cash", date=dt.date(2026, 3, 10)
    )
    post(
        dt.date(2026, 5, 1),
        "Penjualan",
        ("1-1100", "D", 2_000_000),
        ("4-1100", "C", 1_000_000, ani),
        ("4-1100", "C", 1_000_000, budi),
    )
    shu_allocation_set(
        year=2026,
        parts=[
            {"kind": "capital", "percent": "50"},
            {"kind": "business", "percent": "50"},
        ],
    )
    # when previewed
    rows = {r.member.number: r for r in shu_preview(year=2026).members}
    # then only Ani's paid wajib earns a capital share
    assert rows["PAY-001"].capital_base == D(1_000_000)
    assert rows["PAY-002"].capital_base == 0
    assert rows["PAY-001"].capital_share == D(1_000_000)
    assert rows["PAY-002"].capital_share == 0
    # and once Budi pays in January, his 2027 capital counts (2026 unchanged)
    payment_record(
        member=budi, amount=D(1_000_000), method="bank", date=dt.date(2027, 1, 5)
    )
    assert {r.member.number: r.capital_base for r in shu_preview(year=2026).members}[
        "PAY-002"
    ] == 0


def test_capital_booked_as_liability_still_earns_capital_share(
    db, make_member, settings
):
    # given SAK EP classification: pokok and wajib are liabilities (2-1210 / 2-1220)
    settings.ESTAMA_MEMBER_CAPITAL_AS_LIABILITY = True
    ani = make_member("Ani", number="LIA-001")
    day = dt.date(2026, 2, 1)
    post(day, "Simpanan pokok", ("1-1100", "D", 500_000), ("2-1210", "C", 500_000, ani))
    post(day, "Penjualan", ("1-1100", "D", 1_000_000), ("4-1100", "C", 1_000_000, ani))
    shu_allocation_set(year=2026, parts=[{"kind": "capital", "percent": "100"}])
    # when previewed, then Ani's simpanan is the whole capital base
    row = member_shu(member=ani, year=2026)
    assert row.capital_base == D(500_000)
    assert row.capital_share == D(1_000_000)
    assert shu_preview(year=2026).unallocated == 0
