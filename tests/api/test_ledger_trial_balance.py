"""The trial balance endpoint."""

import datetime as dt

import pytest

from ledger.services import LineInput, entry_post

URL = "/api/v1/reports/trial-balance/"


@pytest.mark.django_db
def test_trial_balance_shape_and_totals(auditor_client):
    entry_post(
        date=dt.date(2026, 1, 5),
        description="Setoran",
        lines=[
            LineInput("1-1100", debit="300000"),
            LineInput("3-1300", credit="100000"),
            LineInput("4-9100", credit="200000"),
        ],
    )

    response = auditor_client.get(URL, {"as_of": "2026-01-31"})

    assert response.status_code == 200
    assert set(response.data) == {
        "as_of",
        "accounts",
        "total_debit",
        "total_credit",
        "currency",
    }
    assert response.data["as_of"] == "2026-01-31"
    assert response.data["currency"] == "IDR"
    assert response.data["accounts"] == [
        {
            "code": "1-1100",
            "name": "Kas",
            "type": "asset",
            "debit": "300000",
            "credit": "0",
            "balance": "300000",
        },
        {
            "code": "3-1300",
            "name": "Modal Penyertaan",
            "type": "equity",
            "debit": "0",
            "credit": "100000",
            "balance": "-100000",
        },
        {
            "code": "4-9100",
            "name": "Pendapatan Lain-lain",
            "type": "revenue",
            "debit": "0",
            "credit": "200000",
            "balance": "-200000",
        },
    ]
    assert response.data["total_debit"] == response.data["total_credit"] == "300000"


@pytest.mark.django_db
def test_trial_balance_before_any_posting_is_empty(treasurer_client):
    response = treasurer_client.get(URL, {"as_of": "2025-12-31"})

    assert response.data["accounts"] == []
    assert response.data["total_debit"] == "0"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "as_of", ["2026-02-30", "yesterday", "0001-01-01", "2026-1-5x"]
)
def test_bad_as_of_is_invalid_date(treasurer_client, as_of):
    response = treasurer_client.get(URL, {"as_of": as_of})

    assert response.status_code == 400
    assert response.data["code"] == "invalid_date"
