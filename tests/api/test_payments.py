"""Payments API: partial payment with receipt, idempotency, PDF, scoping, and the
whole treasurer flow of the issue through the API alone."""

import pytest
from django.contrib.auth.models import User

from ledger.integrity import ledger_verify
from members.models import Member

pytestmark = pytest.mark.django_db


def test_treasurer_flow_through_the_api(treasurer_client, client_for):
    # register and activate a member (pokok 100.000 billed)
    number = treasurer_client.post(
        "/api/v1/members/",
        {
            "name": "Siti",
            "category": "biasa",
            "region": "3578",
            "email": "s@example.org",
            "joined_on": "2026-01-02",
        },
    ).data["number"]
    assert (
        treasurer_client.post(
            f"/api/v1/members/{number}/activate/", {"date": "2026-01-02"}
        ).status_code
        == 200
    )
    treasurer_client.post(
        "/api/v1/dues/plans/", {"name": "Iuran", "kind": "iuran", "amount": "25000"}
    )
    treasurer_client.post(
        "/api/v1/dues/plans/", {"name": "Wajib", "kind": "wajib", "amount": "50000"}
    )
    # bill a period
    assert (
        treasurer_client.post("/api/v1/dues/runs/", {"period": "2026-01"}).data[
            "created"
        ]
        == 2
    )
    # take a partial payment with a receipt
    response = treasurer_client.post(
        "/api/v1/payments/",
        {
            "member": number,
            "amount": "120000",
            "method": "bank",
            "date": "2026-02-01",
            "reference": "TRF 77",
        },
        HTTP_IDEMPOTENCY_KEY="pay-1",
    )
    assert response.status_code == 201, response.data
    payment = response.data
    assert payment["number"] == "KW-2026-00001" and payment["amount"] == "120000"
    assert [(a["kind"], a["amount"]) for a in payment["allocations"]] == [
        ("pokok", "100000"),
        ("wajib", "20000"),
    ]
    pdf = treasurer_client.get(payment["receipt_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert (
        treasurer_client.get(f"/api/v1/receipts/{payment['number']}/pdf/").status_code
        == 200
    )
    # the arrears report shows the rest
    arrears = treasurer_client.get("/api/v1/dues/arrears/?as_of=2026-02-15").data
    assert (
        arrears["totals"]["total"] == "55000" and arrears["totals"]["d1_30"] == "55000"
    )
    # the member sees only their own numbers
    member = Member.objects.get(number=number)
    member.user = User.objects.create_user(username="siti")
    member.save(update_fields=["user"])
    me = client_for(member.user).get("/api/v1/me/").data
    assert me["outstanding"] == "55000"
    # capital is what was paid: pokok 100.000 and 20.000 of the wajib
    assert me["balances"]["pokok"] == "100000" and me["balances"]["wajib"] == "20000"
    # resignation: request, approve (refund 120.000 paid - 25.000 iuran arrears; the
    # unpaid wajib was never capital and is closed), pay out
    assert (
        treasurer_client.post(
            f"/api/v1/members/{number}/resign/",
            {"reason": "pensiun", "date": "2026-02-20"},
        ).status_code
        == 201
    )
    approved = treasurer_client.post(
        f"/api/v1/members/{number}/approve-resignation/", {"date": "2026-03-01"}
    )
    assert approved.status_code == 200, approved.data
    assert approved.data["refund"] == "95000" and approved.data["deductions"] == "25000"
    assert approved.data["capital"] == "120000"
    paid = treasurer_client.post(
        f"/api/v1/members/{number}/pay-out-refund/",
        {"method": "cash", "date": "2026-03-05"},
    )
    assert paid.status_code == 200 and paid.data["status"] == "paid"
    # every step is in the trial balance and verify_ledger stays green
    tb = treasurer_client.get("/api/v1/reports/trial-balance/?as_of=2026-12-31")
    assert tb.status_code == 200
    report = ledger_verify()
    assert report.ok, [p.message for p in report.problems]


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


def test_idempotent_replay_and_validation(treasurer_client):
    member = _member(treasurer_client, "Ani")
    body = {
        "member": member.number,
        "amount": "50000",
        "method": "cash",
        "date": "2026-01-10",
    }
    first = treasurer_client.post("/api/v1/payments/", body, HTTP_IDEMPOTENCY_KEY="k1")
    again = treasurer_client.post("/api/v1/payments/", body, HTTP_IDEMPOTENCY_KEY="k1")
    assert first.data["number"] == again.data["number"]
    assert again["Idempotent-Replayed"] == "true"
    assert treasurer_client.get("/api/v1/payments/").data["count"] == 1
    for bad, code in (
        ({**body, "amount": "10.50"}, "invalid_amount"),
        ({**body, "amount": 1.5}, "invalid_amount"),
        ({**body, "member": "JTM-99999"}, "invalid_member"),
        ({**body, "method": "gold"}, "invalid"),
        ({**body, "date": "2026-02-30"}, "invalid_date"),
    ):
        response = treasurer_client.post("/api/v1/payments/", bad, format="json")
        assert response.status_code == 400 and response.data["code"] == code, (
            bad,
            response.data,
        )


def test_payments_are_scoped_and_constant_query(
    treasurer_client, client_for, auditor_client, django_assert_max_num_queries
):
    ani = _member(treasurer_client, "Ani", login="ani")
    budi = _member(treasurer_client, "Budi")
    for member in (ani, budi, budi, budi):
        treasurer_client.post(
            "/api/v1/payments/",
            {
                "member": member.number,
                "amount": "40000",
                "method": "cash",
                "date": "2026-01-10",
            },
        )
    with django_assert_max_num_queries(8):
        response = treasurer_client.get("/api/v1/payments/")
    assert response.data["count"] == 4
    own = client_for(ani.user)
    assert own.get("/api/v1/payments/").data["count"] == 1
    budi_receipt = treasurer_client.get(f"/api/v1/payments/?member={budi.number}").data[
        "results"
    ][0]["number"]
    assert own.get(f"/api/v1/payments/{budi_receipt}/").status_code == 404
    assert own.get(f"/api/v1/payments/{budi_receipt}/receipt.pdf").status_code == 404
    assert (
        own.post(
            "/api/v1/payments/", {"member": ani.number, "amount": "1", "method": "cash"}
        ).status_code
        == 403
    )
    assert (
        auditor_client.get(f"/api/v1/payments/{budi_receipt}/receipt.pdf").status_code
        == 200
    )
    assert auditor_client.post("/api/v1/payments/", {}).status_code == 403
