"""Everyday expenses through the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ledger.selectors import trial_balance

D = Decimal
pytestmark = pytest.mark.django_db
URL = "/api/v1/expenses/"


def balances():
    tb = trial_balance(as_of=dt.date(2026, 12, 31))
    return {row.account.code: row.debit - row.credit for row in tb.rows}


def body(**overrides):
    return {
        "date": "2026-06-01",
        "account": "6-1400",
        "amount": "6500",
        "paid_from": "bank",
        "description": "Biaya administrasi bank Juni",
        **overrides,
    }


def test_expense_posts_to_the_expense_account(treasurer_client):
    r = treasurer_client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="e1")
    assert r.status_code == 201, r.json()
    again = treasurer_client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="e1")
    assert again.json() == r.json()
    assert balances() == {"6-1400": D(6500), "1-1200": D(-6500)}
    expense = treasurer_client.get(f"{URL}{r.json()['id']}/").json()
    assert expense["account"] == "6-1400" and expense["amount"] == "6500"
    assert treasurer_client.get(f"{URL}?account=6-1400").json()["count"] == 1
    assert treasurer_client.get(f"{URL}?account=6-1200").json()["count"] == 0


def test_expense_with_attachment_multipart(treasurer_client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    scan = SimpleUploadedFile("nota.pdf", b"%PDF-1.4 nota", "application/pdf")
    r = treasurer_client.post(
        URL,
        {**body(paid_from="cash"), "attachment": scan},
        format="multipart",
        HTTP_IDEMPOTENCY_KEY="with-file",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["attachment"].startswith("expenses/")
    # the same upload with the same key replays; another file with it is refused
    again = treasurer_client.post(
        URL,
        {
            **body(paid_from="cash"),
            "attachment": SimpleUploadedFile(
                "nota.pdf", b"%PDF-1.4 nota", "application/pdf"
            ),
        },
        format="multipart",
        HTTP_IDEMPOTENCY_KEY="with-file",
    )
    assert again.status_code == 201 and again.json() == r.json()
    other = treasurer_client.post(
        URL,
        {
            **body(paid_from="cash"),
            "attachment": SimpleUploadedFile(
                "nota.pdf", b"%PDF-1.4 lain", "application/pdf"
            ),
        },
        format="multipart",
        HTTP_IDEMPOTENCY_KEY="with-file",
    )
    assert other.status_code == 422
    assert balances()["1-1100"] == D(-6500)


@pytest.mark.parametrize(
    ("override", "code"),
    [
        ({"account": "4-1100"}, "invalid_account"),
        ({"account": "6"}, "invalid_account"),
        ({"account": "1-1400"}, "invalid_account"),
        ({"account": "5-1100"}, "invalid_account"),
        ({"account": "9-9999"}, "invalid_account"),
        ({"amount": "10.5"}, "invalid_amount"),
        ({"amount": "-1"}, "invalid_amount"),
        ({"paid_from": "credit"}, "invalid"),
        ({"description": ""}, "invalid"),
        ({"date": "01-06-2026"}, "invalid_date"),
    ],
)
def test_expense_refusals(treasurer_client, override, code):
    r = treasurer_client.post(URL, body(**override), format="json")
    assert r.status_code == 400, r.json()
    assert r.json()["code"] == code
    assert balances() == {}
