"""Year close/reopen and SHU endpoints."""

import zoneinfo

import pytest
import time_machine

from ledger.integrity import ledger_verify
from reports.models import FiscalYear
from tests.clock import after_2026  # noqa: F401
from tests.reports.fixtures import build_demo

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("after_2026")]
TABLE = {
    "parts": [
        {"kind": "capital", "percent": "40"},
        {"kind": "business", "percent": "30"},
        {"kind": "reserve", "percent": "20"},
        {"kind": "fund", "account": "2-1430", "percent": "10"},
    ]
}


@pytest.fixture
def demo(make_member):
    return build_demo(make_member)


def test_close_and_reopen_a_year(demo, treasurer_client):
    response = treasurer_client.post("/api/v1/years/2026/close/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "closed" and body["closing_entry"].startswith("JU-2026")
    assert body["closed_by"] == "bendahara"
    again = treasurer_client.post("/api/v1/years/2026/close/")
    assert again.status_code == 409 and again.json()["code"] == "year_already_closed"
    no_reason = treasurer_client.post("/api/v1/years/2026/reopen/", {"reason": ""})
    assert no_reason.status_code == 400
    assert no_reason.json()["code"] == "reason_required"
    reopened = treasurer_client.post(
        "/api/v1/years/2026/reopen/", {"reason": "Koreksi beban Desember"}
    )
    assert reopened.status_code == 200 and reopened.json()["status"] == "open"
    assert ledger_verify().ok


def test_close_is_idempotent_with_a_key(demo, treasurer_client):
    first = treasurer_client.post(
        "/api/v1/years/2026/close/", HTTP_IDEMPOTENCY_KEY="tutup-2026"
    )
    second = treasurer_client.post(
        "/api/v1/years/2026/close/", HTTP_IDEMPOTENCY_KEY="tutup-2026"
    )
    assert first.status_code == second.status_code == 200
    assert second["Idempotent-Replayed"] == "true"


def test_years_close_in_order_over_the_api(demo, treasurer, treasurer_client):
    import datetime as dt

    from tests.reports.fixtures import post

    post(
        dt.date(2027, 1, 5),
        "Jual",
        ("1-1100", "D", 1_000_000),
        ("4-1110", "C", 1_000_000),
    )
    response = treasurer_client.post("/api/v1/years/2027/close/")
    assert response.status_code == 409
    assert response.json()["code"] == "year_not_ended"  # it is January 2027
    with time_machine.travel(dt.datetime(2028, 1, 3, tzinfo=JAKARTA), tick=True):
        # A year later the API token has long expired; the session stands in for it.
        treasurer_client.force_authenticate(user=treasurer)
        response = treasurer_client.post("/api/v1/years/2027/close/")
    assert response.status_code == 409
    assert response.json()["code"] == "year_close_out_of_order"


@pytest.mark.parametrize("year", [1999, 3000, 99999999999])
def test_bad_years(demo, treasurer_client, year):
    assert treasurer_client.post(f"/api/v1/years/{year}/close/").status_code == 400
    assert treasurer_client.get(f"/api/v1/shu/{year}/").status_code == 400


def test_auditor_and_member_cannot_close(demo, auditor_client, make_member, client_for):
    assert auditor_client.post("/api/v1/years/2026/close/").status_code == 403
    member = make_member("Anggota", login=True)
    assert client_for(member.user).post("/api/v1/years/2026/close/").status_code == 403
    assert not FiscalYear.objects.filter(status="closed").exists()


def test_allocation_table_validation(demo, treasurer_client):
    url = "/api/v1/shu/2026/allocation/"
    bad = {
        "parts": [
            {"kind": "reserve", "percent": "40"},
            {"kind": "capital", "percent": "65"},
        ]
    }
    response = treasurer_client.put(url, bad, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "shu_allocation_not_100"
    negative = {
        "parts": [
            {"kind": "reserve", "percent": "-1"},
            {"kind": "capital", "percent": "101"},
        ]
    }
    assert treasurer_client.put(url, negative, format="json").status_code == 400
    two = {
        "parts": [
            {"kind": "capital", "percent": "50"},
            {"kind": "capital", "percent": "50"},
        ]
    }
    assert treasurer_client.put(url, two, format="json").status_code == 400
    floats = {"parts": [{"kind": "reserve", "percent": 100.0}]}
    assert treasurer_client.put(url, floats, format="json").status_code == 400
    garbage = {"parts": "x"}
    assert treasurer_client.put(url, garbage, format="json").status_code == 400
    ok = treasurer_client.put(url, TABLE, format="json")
    assert ok.status_code == 200, ok.content
    assert [p["amount"] for p in ok.json()["parts"]] == [
        "3600000",
        "2700000",
        "1800000",
        "900000",
    ]


def test_preview_member_sees_only_their_line(demo, treasurer_client, client_for):
    before = treasurer_client.get("/api/v1/shu/2026/").json()
    assert before["shu"] == "9000000"
    assert before["parts"] == [] and before["members"] == []
    treasurer_client.put("/api/v1/shu/2026/allocation/", TABLE, format="json")
    full = treasurer_client.get("/api/v1/shu/2026/").json()
    assert [m["member"] for m in full["members"]] == [
        "JTM-00001",
        "JTM-00002",
        "JTM-00003",
    ]
    widya = full["members"][0]
    assert widya["capital_share"] == "1800000"
    assert widya["business_share"] == "1542857"
    assert widya["total"] == "3342857"
    from django.contrib.auth.models import User

    demo.m2.user = User.objects.create_user("budi")
    demo.m2.save(update_fields=["user"])
    mine = client_for(demo.m2.user).get("/api/v1/shu/2026/").json()
    assert [m["member"] for m in mine["members"]] == ["JTM-00002"]
    assert mine["members"][0]["business_share"] == "1157143"


def test_distribute_and_pay_out(demo, treasurer_client, auditor_client):
    treasurer_client.put("/api/v1/shu/2026/allocation/", TABLE, format="json")
    early = treasurer_client.post(
        "/api/v1/shu/2026/distribute/", {"date": "2027-01-20"}
    )
    assert early.status_code == 409 and early.json()["code"] == "year_not_closed"
    treasurer_client.post("/api/v1/years/2026/close/")
    assert auditor_client.post("/api/v1/shu/2026/distribute/", {}).status_code == 403
    inside = treasurer_client.post(
        "/api/v1/shu/2026/distribute/", {"date": "2026-12-31"}
    )
    assert inside.status_code == 400 and inside.json()["code"] == "invalid_date"
    done = treasurer_client.post("/api/v1/shu/2026/distribute/", {"date": "2027-01-20"})
    assert done.status_code == 201, done.content
    assert done.json()["entry"].startswith("JU-2027")
    twice = treasurer_client.post(
        "/api/v1/shu/2026/distribute/", {"date": "2027-01-21"}
    )
    assert twice.status_code == 409
    assert twice.json()["code"] == "shu_already_distributed"
    reopen = treasurer_client.post("/api/v1/years/2026/reopen/", {"reason": "x"})
    assert reopen.status_code == 409
    paid = treasurer_client.post(
        "/api/v1/shu/2026/pay-out/", {"method": "bank", "date": "2027-01-25"}
    )
    assert paid.status_code == 201, paid.content
    again = treasurer_client.post(
        "/api/v1/shu/2026/pay-out/", {"method": "bank", "date": "2027-01-25"}
    )
    assert again.status_code == 409 and again.json()["code"] == "shu_already_paid"
    bad = treasurer_client.post("/api/v1/shu/2026/pay-out/", {"method": "gold"})
    assert bad.status_code == 400
    preview = treasurer_client.get("/api/v1/shu/2026/").json()
    assert preview["distributed"] and preview["paid_out"]
    assert ledger_verify().ok


def test_preview_query_count_does_not_grow_with_members(
    demo, make_member, treasurer_client, django_assert_max_num_queries
):
    import datetime as dt

    from tests.reports.fixtures import post

    treasurer_client.put("/api/v1/shu/2026/allocation/", TABLE, format="json")
    for n in range(15):
        member = make_member(f"Anggota {n}")
        post(
            dt.date(2026, 11, 1),
            "Simpanan pokok",
            ("1-1100", "D", 1_000_000),
            ("3-1100", "C", 1_000_000, member),
        )
    # a constant: 2 of them read billed-but-unpaid simpanan (not "paid" capital),
    # 3 the loss of earlier years still uncovered
    with django_assert_max_num_queries(19):
        body = treasurer_client.get("/api/v1/shu/2026/").json()
    assert len(body["members"]) == 18


@pytest.mark.django_db(transaction=True)
def test_concurrent_closes_close_once(make_member):
    import threading

    from django.db import connection

    from reports.errors import YearAlreadyClosed
    from reports.services import year_close

    if connection.vendor != "postgresql":
        pytest.skip("Concurrency needs PostgreSQL row locks (set DATABASE_URL).")
    build_demo(make_member)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def close():
        from django.db import connection as conn

        try:
            barrier.wait()
            year_close(year=2026)
            outcomes.append("closed")
        except YearAlreadyClosed:
            outcomes.append("refused")
        finally:
            conn.close()

    threads = [threading.Thread(target=close) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["closed", "refused"]
    from ledger.models import EntrySource, JournalEntry

    assert JournalEntry.objects.filter(source=EntrySource.CLOSING).count() == 1
    assert ledger_verify().ok
