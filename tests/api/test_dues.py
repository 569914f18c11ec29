"""Dues API: plans, runs, invoices (open items), waivers, arrears."""

import datetime as dt

import pytest
from django.contrib.auth.models import User

from members.models import Region
from members.services import member_activate, member_create

pytestmark = pytest.mark.django_db


def _member(name, region="3578", login=False):
    member = member_create(
        name=name,
        category="biasa",
        region=Region.objects.get(code=region),
        joined_on=dt.date(2026, 1, 1),
        user_account=User.objects.create_user(username=name.lower()) if login else None,
    )
    return member_activate(member=member, date=dt.date(2026, 1, 1))


@pytest.fixture
def billed(treasurer_client):
    treasurer_client.post(
        "/api/v1/dues/plans/", {"name": "Iuran", "kind": "iuran", "amount": "25000"}
    )
    treasurer_client.post(
        "/api/v1/dues/plans/", {"name": "Wajib", "kind": "wajib", "amount": "50000"}
    )
    members = [
        _member("Ani", login=True),
        _member("Budi", "3507"),
        _member("Citra", "3507"),
    ]
    response = treasurer_client.post("/api/v1/dues/runs/", {"period": "2026-01"})
    assert response.data == {"period": "2026-01", "created": 6, "skipped": 0}
    return members


def test_plans_create_and_validate(treasurer_client, auditor_client):
    response = treasurer_client.post(
        "/api/v1/dues/plans/",
        {
            "name": "Iuran rekan",
            "kind": "iuran",
            "amount": "10000",
            "frequency": "monthly",
            "category": "rekan",
        },
    )
    assert response.status_code == 201
    assert response.data["amount"] == "10000" and response.data["currency"] == "IDR"
    bad = treasurer_client.post(
        "/api/v1/dues/plans/", {"name": "X", "kind": "iuran", "amount": "10.5"}
    )
    assert bad.status_code == 400 and bad.data["code"] == "invalid_amount"
    bad = treasurer_client.post(
        "/api/v1/dues/plans/", {"name": "X", "kind": "pokok", "amount": "1"}
    )
    assert bad.status_code == 400 and "kind" in bad.data["errors"]
    assert auditor_client.get("/api/v1/dues/plans/").data["count"] == 1
    assert auditor_client.post("/api/v1/dues/plans/", {}).status_code == 403


def test_runs_are_idempotent(treasurer_client, billed):
    response = treasurer_client.post("/api/v1/dues/runs/", {"period": "2026-01"})
    assert response.data == {"period": "2026-01", "created": 0, "skipped": 6}
    bad = treasurer_client.post("/api/v1/dues/runs/", {"period": "2026-1"})
    assert bad.status_code == 400 and bad.data["code"] == "invalid_period"


def test_invoices_filter_and_scope(
    treasurer_client, client_for, billed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = treasurer_client.get("/api/v1/dues/invoices/")
    assert response.data["count"] == 9  # 3 pokok + 3 wajib + 3 iuran
    row = treasurer_client.get(
        f"/api/v1/dues/invoices/?member={billed[0].number}&kind=wajib"
    ).data["results"][0]
    assert (
        row["amount"] == "50000"
        and row["outstanding"] == "50000"
        and row["status"] == "open"
    )
    assert row["due_date"] == "2026-01-31" and row["period"] == "2026-01"
    own = client_for(billed[0].user).get("/api/v1/dues/invoices/").data
    assert own["count"] == 3 and {r["member"] for r in own["results"]} == {
        billed[0].number
    }
    other = treasurer_client.get(
        f"/api/v1/dues/invoices/?member={billed[1].number}"
    ).data["results"][0]
    assert (
        client_for(billed[0].user)
        .get(f"/api/v1/dues/invoices/{other['id']}/")
        .status_code
        == 404
    )
    assert (
        treasurer_client.get("/api/v1/dues/invoices/?status=bogus").status_code == 400
    )


def test_waive_with_reason(treasurer_client, auditor_client, billed):
    item = treasurer_client.get(
        f"/api/v1/dues/invoices/?member={billed[1].number}&kind=iuran"
    ).data["results"][0]
    url = f"/api/v1/dues/invoices/{item['id']}/waive/"
    assert treasurer_client.post(url, {}).status_code == 400
    assert auditor_client.post(url, {"reason": "x"}).status_code == 403
    response = treasurer_client.post(url, {"reason": "anggota sakit"})
    assert response.status_code == 200
    assert response.data["status"] == "waived" and response.data["outstanding"] == "0"
    assert treasurer_client.post(url, {"reason": "lagi"}).status_code == 409


def test_arrears_report(treasurer_client, client_for, billed):
    response = treasurer_client.get("/api/v1/dues/arrears/?as_of=2026-03-15")
    assert response.status_code == 200
    data = response.data
    assert [r["code"] for r in data["regions"]] == ["3507", "3578"]
    malang = data["regions"][0]
    assert malang["totals"]["total"] == "350000"
    # pokok due 01-01 (73 days), dues due 01-31 (43 days): all 31-90
    assert malang["members"][0]["buckets"]["d31_90"] == "175000"
    assert data["totals"]["total"] == "525000" and data["currency"] == "IDR"
    own = client_for(billed[0].user).get("/api/v1/dues/arrears/").data
    assert [m["number"] for r in own["regions"] for m in r["members"]] == [
        billed[0].number
    ]
    assert treasurer_client.get("/api/v1/dues/arrears/?as_of=nope").status_code == 400
