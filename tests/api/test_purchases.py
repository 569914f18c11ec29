"""Purchases into stock and paying suppliers through the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ledger.models import JournalLine
from ledger.selectors import trial_balance
from sales import selectors

D = Decimal
pytestmark = pytest.mark.django_db
URL = "/api/v1/purchases/"


def balances():
    tb = trial_balance(as_of=dt.date(2026, 12, 31))
    return {row.account.code: row.debit - row.credit for row in tb.rows}


@pytest.fixture
def goods(treasurer_client):
    for sku, kind in (("MUG", "goods"), ("KONS", "consulting")):
        r = treasurer_client.post(
            "/api/v1/products/",
            {"sku": sku, "name": sku, "kind": kind, "price": "50000"},
            format="json",
        )
        assert r.status_code == 201


def body(**overrides):
    return {
        "supplier": "UD Keramik Jaya",
        "date": "2026-02-01",
        "paid_from": "credit",
        "lines": [{"item": "MUG", "quantity": 3, "unit_cost": "10000"}],
        **overrides,
    }


def test_purchase_on_credit_then_paid(goods, treasurer_client):
    r = treasurer_client.post(URL, body(), format="json")
    assert r.status_code == 201, r.json()
    purchase = r.json()
    assert purchase["status"] == "open" and purchase["total"] == "30000"
    memo = JournalLine.objects.get(
        entry__number=purchase["entry"], account__code="2-1100"
    )
    assert "UD Keramik Jaya" in memo.memo
    assert balances()["2-1100"] == D(-30_000)
    r = treasurer_client.post(
        f"{URL}{purchase['id']}/pay/",
        {"paid_from": "cash", "date": "2026-02-05"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="pay-sup-1",
    )
    assert r.status_code == 200
    paid = r.json()
    assert paid["amount_paid"] == "30000" and paid["outstanding"] == "0"
    assert [p["amount"] for p in paid["payments"]] == ["30000"]
    assert paid["paid_on"] == "2026-02-05"
    again = treasurer_client.post(
        f"{URL}{purchase['id']}/pay/",
        {"paid_from": "cash", "date": "2026-02-05"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="pay-sup-1",
    )
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    r = treasurer_client.post(
        f"{URL}{purchase['id']}/pay/",
        {"paid_from": "cash", "date": "2026-02-05"},
        format="json",
    )
    assert r.status_code == 409 and r.json()["code"] == "purchase_already_paid"
    b = balances()
    assert "2-1100" not in b
    assert b["1-1100"] == D(-30_000) and b["1-1400"] == D(30_000)
    assert treasurer_client.get(f"{URL}{purchase['id']}/").json()["status"] == "paid"
    assert treasurer_client.get(f"{URL}?status=open").json()["count"] == 0


def test_supplier_paid_in_parts_then_the_rest_by_default(goods, treasurer_client):
    # given: a purchase of 30000 on credit
    purchase = treasurer_client.post(URL, body(), format="json").json()
    pay = f"{URL}{purchase['id']}/pay/"
    # when: 10000 is paid from the bank
    r = treasurer_client.post(
        pay,
        {"paid_from": "bank", "date": "2026-02-05", "amount": "10000"},
        format="json",
    )
    # then: the payable drops by 10000 only and the purchase stays open
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == "open" and r.json()["outstanding"] == "20000"
    assert r.json()["paid_on"] is None
    assert balances()["2-1100"] == D(-20_000) and balances()["1-1200"] == D(-10_000)
    # when: more than what is owed is offered
    r = treasurer_client.post(
        pay,
        {"paid_from": "cash", "date": "2026-02-06", "amount": "20001"},
        format="json",
    )
    # then: refused, nothing posted
    assert r.status_code == 400 and r.json()["code"] == "overpayment"
    assert balances()["2-1100"] == D(-20_000)
    # when: paid without an amount
    r = treasurer_client.post(
        pay, {"paid_from": "cash", "date": "2026-02-07"}, format="json"
    )
    # then: the remaining 20000 is paid and the payable is cleared
    assert r.status_code == 200
    done = r.json()
    assert done["status"] == "paid" and done["paid_on"] == "2026-02-07"
    assert [(p["amount"], p["paid_with"]) for p in done["payments"]] == [
        ("10000", "bank"),
        ("20000", "cash"),
    ]
    b = balances()
    assert "2-1100" not in b
    assert b["1-1100"] == D(-20_000) and b["1-1200"] == D(-10_000)
    for amount in ("0", "-5", "1.5", 7):
        r = treasurer_client.post(
            pay,
            {"paid_from": "cash", "date": "2026-02-07", "amount": amount},
            format="json",
        )
        assert r.status_code in (400, 409), amount


def test_moving_average_over_purchases(goods, treasurer_client):
    treasurer_client.post(URL, body(paid_from="bank"), format="json")
    treasurer_client.post(
        URL,
        body(lines=[{"item": "MUG", "quantity": 1, "unit_cost": "12001"}]),
        format="json",
    )
    mug = treasurer_client.get("/api/v1/products/MUG/").json()
    assert mug["stock_qty"] == 4 and mug["stock_value"] == "42001"
    assert mug["average_cost"] == "10500.250000"
    assert selectors.stock_valuation() == balances()["1-1400"] == D(42_001)


@pytest.mark.parametrize(
    ("override", "code"),
    [
        (
            {"lines": [{"item": "KONS", "quantity": 1, "unit_cost": "1"}]},
            "invalid_item",
        ),
        (
            {"lines": [{"item": "NOPE", "quantity": 1, "unit_cost": "1"}]},
            "invalid_item",
        ),
        (
            {"lines": [{"item": "MUG", "quantity": 1, "unit_cost": "1.5"}]},
            "invalid_amount",
        ),
        (
            {"lines": [{"item": "MUG", "quantity": 1, "unit_cost": "0"}]},
            "invalid_amount",
        ),
        ({"lines": []}, "invalid"),
        ({"paid_from": "gopay"}, "invalid"),
        ({"supplier": ""}, "invalid"),
        ({"date": "2026-02-30"}, "invalid_date"),
    ],
)
def test_purchase_refusals(goods, treasurer_client, override, code):
    r = treasurer_client.post(URL, body(**override), format="json")
    assert r.status_code == 400, r.json()
    assert r.json()["code"] == code
    assert balances() == {}
