"""IDR amounts in the API are whole rupiah in plain digits (issue 12): a treasurer
typing a thousands separator ("1.000") must not book one rupiah, and "1,5" is not a
number the API reads."""

import pytest

from ledger.models import JournalEntry
from members.models import Payment

pytestmark = pytest.mark.django_db


def _entry(amount: str) -> dict:
    return {
        "date": "2026-01-15",
        "description": "Pendapatan lain",
        "lines": [
            {"account": "1-1100", "debit": amount},
            {"account": "4-9100", "credit": amount},
        ],
    }


@pytest.mark.parametrize("amount", ["1.000", "1,5", "1.000.000", "1,000", "100.00"])
def test_journal_entry_refuses_separators(treasurer_client, amount):
    response = treasurer_client.post(
        "/api/v1/journal-entries/", _entry(amount), format="json"
    )

    assert response.status_code == 400
    assert response.data["code"] == "invalid_amount"
    message = response.data["errors"]["lines.0.debit"][0]
    assert "plain digits" in message and '"1500000"' in message
    assert not JournalEntry.objects.exists()


def test_plain_digits_are_accepted(treasurer_client):
    response = treasurer_client.post(
        "/api/v1/journal-entries/", _entry("1000"), format="json"
    )
    assert response.status_code == 201, response.data


@pytest.mark.parametrize("amount", ["1.000", "1,5"])
def test_member_payment_refuses_separators(treasurer_client, make_member, amount):
    member = make_member("Ani")
    response = treasurer_client.post(
        "/api/v1/payments/",
        {"member": member.number, "amount": amount, "method": "cash"},
    )

    assert response.status_code == 400
    assert response.data["code"] == "invalid_amount"
    assert "plain digits" in response.data["detail"]
    assert not Payment.objects.exists()


def test_product_price_refuses_separators(treasurer_client):
    response = treasurer_client.post(
        "/api/v1/products/",
        {"sku": "KAOS", "name": "Kaos", "kind": "goods", "price": "75.000"},
        format="json",
    )
    assert response.status_code == 400 and response.data["code"] == "invalid_amount"
