"""Shares API: balances by kind, sukarela deposits and withdrawals."""

import pytest
from django.contrib.auth.models import User

from members.models import Member

pytestmark = pytest.mark.django_db


def _member(treasurer_client, name, login=None):
    number = treasurer_client.post(
        "/api/v1/members/",
        {
            "name": name,
            "category": "biasa",
            "region": "3578",
            "email": "a@example.org",
            "joined_on": "2026-01-02",
        },
    ).data["number"]
    treasurer_client.post(f"/api/v1/members/{number}/activate/", {"date": "2026-01-02"})
    member = Member.objects.get(number=number)
    if login:
        member.user = User.objects.create_user(username=login)
        member.save(update_fields=["user"])
    return member


def test_sukarela_deposit_withdraw_and_balances(
    treasurer_client, client_for, auditor_client
):
    ani = _member(treasurer_client, "Ani", login="ani")
    budi = _member(treasurer_client, "Budi")
    url = "/api/v1/shares/transactions/"
    body = {
        "member": ani.number,
        "direction": "deposit",
        "amount": "200000",
        "date": "2026-02-01",
        "method": "cash",
    }
    response = treasurer_client.post(url, body, HTTP_IDEMPOTENCY_KEY="dep-1")
    assert response.status_code == 201 and response.data["amount"] == "200000"
    assert (
        treasurer_client.post(url, body, HTTP_IDEMPOTENCY_KEY="dep-1").status_code
        == 201
    )
    over = treasurer_client.post(
        url, {**body, "direction": "withdraw", "amount": "200001"}
    )
    assert over.status_code == 409 and over.data["code"] == "insufficient_balance"
    assert (
        treasurer_client.post(
            url, {**body, "direction": "withdraw", "amount": "50000"}
        ).status_code
        == 201
    )
    totals = treasurer_client.get("/api/v1/shares/").data
    assert totals["member"] is None
    assert totals["balances"] == {  # both pokok billed, neither paid
        "pokok": "0",
        "wajib": "0",
        "sukarela": "150000",
        "currency": "IDR",
    }
    own = client_for(ani.user)
    assert own.get("/api/v1/shares/").data["balances"]["sukarela"] == "150000"
    assert own.get(f"/api/v1/shares/?member={budi.number}").status_code == 404
    assert own.get(url).data["count"] == 2
    assert own.post(url, body).status_code == 403
    assert (
        auditor_client.get(f"/api/v1/shares/?member={ani.number}").data["balances"][
            "sukarela"
        ]
        == "150000"
    )
    assert auditor_client.post(url, body).status_code == 403
    bad = treasurer_client.post(url, {**body, "direction": "sideways"})
    assert bad.status_code == 400
