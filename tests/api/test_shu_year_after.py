"""The year after the close: SHU carried to 3-3100, losses covered, dates and
eligibility (issue 12), through the API."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from ledger.integrity import ledger_verify
from ledger.models import JournalEntry
from ledger.selectors import trial_balance
from members.models import Member
from tests.clock import after_2026  # noqa: F401
from tests.reports.fixtures import RESULT_2026, build_demo, post

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("after_2026")]
D = Decimal
TABLE = {
    "parts": [
        {"kind": "capital", "percent": "40"},
        {"kind": "business", "percent": "30"},
        {"kind": "reserve", "percent": "30"},
    ]
}


def _tb(day):
    return {r.account.code: r.balance for r in trial_balance(as_of=day).rows}


@pytest.fixture
def demo(make_member):
    return build_demo(make_member)


@pytest.fixture
def loss_2026(make_member):
    """A 2026 with a loss of Rp 4.000.000 and a reserve of Rp 10.000.000."""
    member = make_member("Rugi", number="RG-001")
    post(
        dt.date(2026, 1, 5),
        "Cadangan awal",
        ("1-1200", "D", 10_000_000),
        ("3-2100", "C", 10_000_000),
    )
    post(
        dt.date(2026, 3, 1),
        "Simpanan pokok",
        ("1-1100", "D", 1_000_000),
        ("3-1100", "C", 1_000_000, member),
    )
    post(
        dt.date(2026, 6, 1),
        "Jasa",
        ("1-1100", "D", 2_000_000),
        ("4-1210", "C", 2_000_000),
    )
    post(
        dt.date(2026, 7, 1),
        "Honor",
        ("6-1100", "D", 6_000_000),
        ("1-1200", "C", 6_000_000),
    )
    return member


def test_close_carries_the_shu_to_prior_years_and_distribution_debits_it(
    demo, treasurer_client
):
    closed = treasurer_client.post("/api/v1/years/2026/close/")
    assert closed.status_code == 200, closed.content
    carry = closed.json()["carry_entry"]
    assert carry.startswith("JU-2027")  # numbered in the year it is dated in
    entry = JournalEntry.objects.get(number=carry)
    assert entry.date == dt.date(2027, 1, 1) and entry.source == "opening"
    # 3-3200 shows only the running year: empty on 1 January, SHU now in 3-3100
    assert _tb(dt.date(2026, 12, 31))["3-3200"] == -RESULT_2026
    jan1 = _tb(dt.date(2027, 1, 1))
    assert jan1.get("3-3200", D(0)) == 0 and jan1["3-3100"] == -RESULT_2026
    treasurer_client.put("/api/v1/shu/2026/allocation/", TABLE, format="json")
    done = treasurer_client.post("/api/v1/shu/2026/distribute/", {"date": "2027-01-20"})
    assert done.status_code == 201, done.content
    assert _tb(dt.date(2027, 1, 20)).get("3-3100", D(0)) == 0
    assert ledger_verify().ok


def test_reopen_reverses_the_carry_forward(demo, treasurer_client):
    treasurer_client.post("/api/v1/years/2026/close/")
    reopened = treasurer_client.post(
        "/api/v1/years/2026/reopen/", {"reason": "Koreksi"}
    )
    assert reopened.status_code == 200, reopened.content
    jan1 = _tb(dt.date(2027, 1, 1))
    assert jan1.get("3-3100", D(0)) == 0 and jan1.get("3-3200", D(0)) == 0
    assert treasurer_client.post("/api/v1/years/2026/close/").status_code == 200
    assert ledger_verify().ok


def test_a_year_closes_only_after_31_december_in_jakarta(demo, treasurer_client):
    # 31 December 2026, 23:30 in Jakarta: the year has not ended
    late = dt.datetime(2026, 12, 31, 23, 30, tzinfo=JAKARTA)
    with time_machine.travel(late, tick=False):
        early = treasurer_client.post("/api/v1/years/2026/close/")
    assert early.status_code == 409 and early.json()["code"] == "year_not_ended"
    # 00:30 on 1 January in Jakarta is still 31 December in UTC: it has ended
    with time_machine.travel(late + dt.timedelta(hours=1), tick=False):
        ok = treasurer_client.post("/api/v1/years/2026/close/")
    assert ok.status_code == 200, ok.content


@pytest.mark.parametrize("date", ["2026-12-31", "2027-01-02"])
def test_distribution_and_pay_out_dates_follow_the_close(demo, treasurer_client, date):
    # closed on 3 January 2027: a date in the year or before the close is refused
    treasurer_client.post("/api/v1/years/2026/close/")
    treasurer_client.put("/api/v1/shu/2026/allocation/", TABLE, format="json")
    bad = treasurer_client.post("/api/v1/shu/2026/distribute/", {"date": date})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_date"
    ok = treasurer_client.post("/api/v1/shu/2026/distribute/", {"date": "2027-01-03"})
    assert ok.status_code == 201, ok.content
    pay = treasurer_client.post(
        "/api/v1/shu/2026/pay-out/", {"method": "cash", "date": date}
    )
    assert pay.status_code == 400 and pay.json()["code"] == "invalid_date"


def test_a_loss_stays_until_covered_and_a_later_profit_absorbs_the_rest(
    loss_2026, treasurer_client, auditor_client
):
    assert treasurer_client.post("/api/v1/years/2026/close/").status_code == 200
    assert _tb(dt.date(2027, 1, 1))["3-3100"] == D(4_000_000)  # debit: a loss
    preview = treasurer_client.get("/api/v1/shu/2026/").json()
    assert preview["shu"] == "-4000000" and preview["loss_remaining"] == "4000000"
    # a loss is never distributed
    treasurer_client.put("/api/v1/shu/2026/allocation/", TABLE, format="json")
    refused = treasurer_client.post(
        "/api/v1/shu/2026/distribute/", {"date": "2027-02-01"}
    )
    assert refused.status_code == 409 and refused.json()["code"] == "shu_not_positive"
    url = "/api/v1/shu/2026/cover-loss/"
    body = {"account": "3-2100", "amount": "1500000", "reason": "RAT 2027 butir 4"}
    assert auditor_client.post(url, body).status_code == 403
    for bad, code in (
        ({**body, "reason": ""}, "reason_required"),
        ({**body, "amount": "1.500.000"}, "invalid_amount"),
        ({**body, "amount": "5000000"}, "invalid_loss_cover"),
        ({**body, "account": "3-3100"}, "invalid_loss_cover"),
        ({**body, "account": "3-1100"}, "invalid_loss_cover"),
        ({**body, "date": "2026-12-31"}, "invalid_date"),
    ):
        response = treasurer_client.post(url, bad)
        assert response.status_code == 400, (bad, response.content)
        assert response.json()["code"] == code, bad
    covered = treasurer_client.post(url, body)
    assert covered.status_code == 201, covered.content
    assert covered.json()["loss_remaining"] == "2500000"
    assert _tb(dt.date(2027, 1, 3))["3-2100"] == D(-8_500_000)
    # 2027 makes Rp 3.000.000: only Rp 500.000 is distributable after the loss
    post(
        dt.date(2027, 2, 1),
        "Jasa",
        ("1-1100", "D", 3_000_000),
        ("4-1210", "C", 3_000_000),
    )
    preview_2027 = treasurer_client.get("/api/v1/shu/2027/").json()
    assert preview_2027["shu"] == "3000000"
    assert preview_2027["uncovered_loss"] == "2500000"
    assert preview_2027["distributable"] == "500000"
    # the default amount covers what is left; then nothing is left to cover
    rest = treasurer_client.post(url, {"reason": "RAT 2027 butir 5"})
    assert rest.status_code == 201 and rest.json()["amount"] == "2500000"
    assert rest.json()["loss_remaining"] == "0"
    again = treasurer_client.post(url, {"reason": "lagi"})
    assert again.status_code == 409 and again.json()["code"] == "no_loss_to_cover"
    assert treasurer_client.get("/api/v1/shu/2027/").json()["distributable"] == (
        "3000000"
    )
    # a year whose loss was covered is not reopened
    reopen = treasurer_client.post("/api/v1/years/2026/reopen/", {"reason": "x"})
    assert reopen.status_code == 409
    assert reopen.json()["code"] == "loss_already_covered"
    assert ledger_verify().ok


def test_cover_loss_needs_a_closed_loss_year(demo, treasurer_client):
    url = "/api/v1/shu/2026/cover-loss/"
    open_year = treasurer_client.post(url, {"reason": "RAT"})
    assert open_year.status_code == 409
    assert open_year.json()["code"] == "year_not_closed"
    treasurer_client.post("/api/v1/years/2026/close/")
    profit = treasurer_client.post(url, {"reason": "RAT"})
    assert profit.status_code == 409 and profit.json()["code"] == "no_loss_to_cover"


@pytest.mark.parametrize("at_year_end", [True, False])
def test_a_member_who_left_before_31_december_gets_no_share(
    demo, treasurer_client, settings, at_year_end
):
    settings.ESTAMA_SHU_MEMBERS_AT_YEAR_END = at_year_end
    treasurer_client.put("/api/v1/shu/2026/allocation/", TABLE, format="json")
    before = treasurer_client.get("/api/v1/shu/2026/").json()
    Member.objects.filter(pk=demo.m3.pk).update(
        status="left", left_reason="resigned", left_on=dt.date(2026, 11, 30)
    )
    after = treasurer_client.get("/api/v1/shu/2026/").json()
    numbers = [row["member"] for row in after["members"]]
    if at_year_end:
        assert demo.m3.number not in numbers
        # the leaver leaves the denominator too: the others share the whole pool
        assert sum(D(r["capital_share"]) for r in after["members"]) == D(
            after["capital_pool"]
        )
        left_base = next(
            D(r["capital_base"])
            for r in before["members"]
            if r["member"] == demo.m3.number
        )
        assert (
            D(after["capital_base_total"])
            == D(before["capital_base_total"]) - left_base
        )
    else:
        assert numbers == [row["member"] for row in before["members"]]
