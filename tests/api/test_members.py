"""Members API: registry, lifecycle, scoping (404 for others), roles."""

import datetime as dt

import pytest
from django.contrib.auth.models import User

from members.models import Member, Region
from members.services import member_activate, member_create

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Siti Aminah",
    "category": "biasa",
    "region": "3578",
    "email": "siti@example.org",
    "joined_on": "2026-01-05",
}


def _member_with_login(name="Budi", region="3507"):
    member = member_create(
        name=name,
        category="biasa",
        region=Region.objects.get(code=region),
        joined_on=dt.date(2026, 1, 1),
        user_account=User.objects.create_user(
            username=name.lower(), password="x-12345678"
        ),
    )
    return member_activate(member=member, date=dt.date(2026, 1, 1))


def test_regions_list_all_38(treasurer_client):
    response = treasurer_client.get("/api/v1/regions/")
    assert response.status_code == 200
    assert response.data["count"] == 38
    codes = {row["code"]: row["name"] for row in response.data["results"]}
    assert codes["3578"] == "Kota Surabaya" and codes["3507"] == "Kabupaten Malang"


def test_register_activate_and_list(treasurer_client, django_assert_max_num_queries):
    response = treasurer_client.post("/api/v1/members/", NEW)
    assert response.status_code == 201, response.data
    number = response.data["number"]
    assert number.startswith("JTM-") and response.data["status"] == "applicant"
    response = treasurer_client.post(f"/api/v1/members/{number}/activate/", {})
    assert response.status_code == 200 and response.data["status"] == "active"
    # list with filters stays constant-query
    for i in range(5):
        treasurer_client.post(
            "/api/v1/members/", {**NEW, "name": f"Anggota {i}", "region": "3507"}
        )
    with django_assert_max_num_queries(8):
        response = treasurer_client.get("/api/v1/members/?region=3507")
    assert response.data["count"] == 5
    response = treasurer_client.get("/api/v1/members/?search=siti&status=active")
    assert [r["number"] for r in response.data["results"]] == [number]
    response = treasurer_client.patch(f"/api/v1/members/{number}/", {"phone": "0812"})
    assert response.status_code == 200 and response.data["phone"] == "0812"


@pytest.mark.parametrize(
    "body, field",
    [
        ({**NEW, "region": "9999"}, "region"),
        ({**NEW, "category": "vip"}, "category"),
        ({**NEW, "joined_on": "2026-13-01"}, "joined_on"),
        ({**NEW, "name": ""}, "name"),
        ({"name": None}, "category"),
    ],
)
def test_register_rejects_bad_input(treasurer_client, body, field):
    response = treasurer_client.post("/api/v1/members/", body, format="json")
    assert response.status_code == 400
    assert field in response.data["errors"]


def test_wrong_transitions_conflict(treasurer_client):
    number = treasurer_client.post("/api/v1/members/", NEW).data["number"]
    response = treasurer_client.post(f"/api/v1/members/{number}/reinstate/", {})
    assert response.status_code == 409
    assert response.data["code"] == "invalid_status_transition"
    assert (
        treasurer_client.post("/api/v1/members/JTM-99999/activate/", {}).status_code
        == 404
    )


def test_member_sees_only_their_own(client_for, treasurer_client):
    me = _member_with_login("Budi")
    other = _member_with_login("Citra")
    client = client_for(me.user)
    assert client.get(f"/api/v1/members/{me.number}/").status_code == 200
    assert client.get(f"/api/v1/members/{other.number}/").status_code == 404
    assert client.get(f"/api/v1/members/{other.number}/statement/").status_code == 404
    assert client.get("/api/v1/members/").status_code == 403
    assert client.post(f"/api/v1/members/{me.number}/suspend/", {}).status_code == 403
    assert (
        client.post(
            f"/api/v1/members/{other.number}/resign/", {"reason": "x"}
        ).status_code
        == 404
    )
    me_data = client.get("/api/v1/me/").data
    assert me_data["member"]["number"] == me.number
    # the pokok is billed, not paid: an obligation, not capital
    assert me_data["balances"] == {
        "pokok": "0",
        "wajib": "0",
        "sukarela": "0",
        "currency": "IDR",
    }
    assert me_data["outstanding"] == "100000"
    assert [i["kind"] for i in me_data["open_items"]] == ["pokok"]
    # a member may ask to resign themselves
    response = client.post(f"/api/v1/members/{me.number}/resign/", {"reason": "pindah"})
    assert response.status_code == 201 and response.data["status"] == "requested"
    assert treasurer_client.get("/api/v1/me/").status_code == 403


def test_auditor_reads_all_writes_nothing(auditor_client):
    member = _member_with_login("Budi")
    assert auditor_client.get("/api/v1/members/").status_code == 200
    assert (
        auditor_client.get(f"/api/v1/members/{member.number}/statement/").status_code
        == 200
    )
    assert auditor_client.post("/api/v1/members/", NEW).status_code == 403
    assert (
        auditor_client.post(
            f"/api/v1/members/{member.number}/resign/", {"reason": "x"}
        ).status_code
        == 403
    )
    assert (
        auditor_client.patch(
            f"/api/v1/members/{member.number}/", {"phone": "1"}
        ).status_code
        == 403
    )


def test_anonymous_is_refused(client_for):
    assert client_for(None).get("/api/v1/members/").status_code in (401, 403)


def test_statement_has_running_balances(treasurer_client):
    member = _member_with_login("Budi")
    treasurer_client.post(
        "/api/v1/dues/plans/", {"name": "Iuran", "kind": "iuran", "amount": "25000"}
    )
    treasurer_client.post("/api/v1/dues/runs/", {"period": "2026-01"})
    treasurer_client.post(
        "/api/v1/payments/",
        {
            "member": member.number,
            "amount": "110000",
            "method": "cash",
            "date": "2026-01-20",
        },
    )
    data = treasurer_client.get(f"/api/v1/members/{member.number}/statement/").data
    receivable = [r for r in data["rows"] if r["account"] == "1-1310"]
    # only the iuran is accrued; the pokok is credited to 3-1100 when paid
    assert [r["balance"] for r in receivable] == ["25000", "15000"]
    assert data["closing"]["1-1310"] == "15000"
    assert data["closing"]["3-1100"] == "100000"
    # Only the member's own money: not the cash or revenue side of their entries.
    assert "1-1100" not in data["closing"] and "4-1400" not in data["closing"]
    assert {row["account"] for row in data["rows"]} <= {"1-1310", "3-1100"}
    year = treasurer_client.get(
        f"/api/v1/members/{member.number}/statement/?year=2027"
    ).data
    assert year["rows"] == [] and year["opening"]["1-1310"] == "15000"
    assert Member.objects.count() == 1


def test_me_shows_the_members_shu_once_the_rat_table_is_stored(client_for):
    # Given a member whose pokok was paid, and a 2026 surplus of 1.000.000
    from ledger.services import LineInput, entry_post
    from members.services import payment_record
    from reports.services import shu_allocation_set

    member = _member_with_login("Wati")
    other = _member_with_login("Joko")
    for someone in (member, other):
        payment_record(
            member=someone, amount=100000, method="cash", date=dt.date(2026, 2, 1)
        )
    entry_post(
        date=dt.date(2026, 6, 1),
        description="Hibah kegiatan",
        lines=[
            LineInput("1-1100", debit="1000000"),
            LineInput("4-9100", credit="1000000"),
        ],
    )
    client = client_for(member.user)
    assert client.get("/api/v1/me/").data["shu"] == []

    # When the RAT's table gives members 40% for capital
    shu_allocation_set(
        year=2026,
        parts=[
            {"kind": "capital", "percent": "40"},
            {"kind": "reserve", "percent": "60"},
        ],
    )

    # Then /me/ shows the member's half of the capital pool, still a preview
    assert client.get("/api/v1/me/").data["shu"] == [
        {
            "year": 2026,
            "capital_share": "200000",
            "business_share": "0",
            "total": "200000",
            "distributed": False,
            "paid_out": False,
        }
    ]
