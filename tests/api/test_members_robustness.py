"""No input produces a 500 on the members endpoints."""

import pytest

pytestmark = pytest.mark.django_db

BODIES = [
    {},
    {"member": 5, "amount": [], "method": None, "date": 7},
    {"member": "JTM-00001", "amount": "1e3", "method": "cash", "date": "2026-01-01"},
    {"member": "x" * 500, "amount": "99999999999999999999", "method": "bank"},
    {"period": None},
    {"period": "9999-99"},
    {"reason": "x" * 1000, "date": "0001-01-01"},
    {"name": "A", "kind": "iuran", "amount": "-1", "frequency": "weekly"},
    {"direction": "deposit", "member": "JTM-00001", "amount": "0", "method": "cash"},
    {"year": "abc", "kind": "dead"},
]
POSTS = [
    "/api/v1/members/",
    "/api/v1/members/JTM-00001/activate/",
    "/api/v1/members/JTM-00001/suspend/",
    "/api/v1/members/JTM-00001/resign/",
    "/api/v1/members/JTM-00001/approve-resignation/",
    "/api/v1/members/JTM-00001/pay-out-refund/",
    "/api/v1/shares/transactions/",
    "/api/v1/dues/plans/",
    "/api/v1/dues/runs/",
    "/api/v1/dues/invoices/1/waive/",
    "/api/v1/payments/",
]
GETS = [
    "/api/v1/members/?region=%00&status=x&search=" + "a" * 300,
    "/api/v1/members/%00/",
    "/api/v1/members/JTM-00001/statement/?year=1",
    "/api/v1/dues/invoices/?member=" + "z" * 40 + "&period=abc&status=open",
    "/api/v1/dues/invoices/99999999999999999999/",
    "/api/v1/dues/arrears/?as_of=2026-02-31&region=99999",
    "/api/v1/shares/?member=nope",
    "/api/v1/payments/%00/receipt.pdf",
    "/api/v1/receipts/KW-0000-00000/pdf/",
]


@pytest.fixture
def member(treasurer_client):
    return treasurer_client.post(
        "/api/v1/members/",
        {
            "name": "Ani",
            "category": "biasa",
            "region": "3578",
            "joined_on": "2026-01-01",
        },
    ).data["number"]


@pytest.mark.parametrize("path", POSTS)
def test_posts_never_500(treasurer_client, member, path):
    for body in BODIES:
        response = treasurer_client.post(path, body, format="json")
        assert response.status_code < 500, (path, body, response.content[:300])


@pytest.mark.parametrize("path", GETS)
def test_gets_never_500(treasurer_client, member, path):
    response = treasurer_client.get(path)
    assert response.status_code < 500, (path, response.content[:300])
