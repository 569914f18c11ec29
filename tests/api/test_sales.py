"""Sales API end to end: the issue's "Done when" scenario and the rules around it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ledger.models import Account
from ledger.selectors import totals_between, trial_balance
from sales import selectors

D = Decimal
pytestmark = pytest.mark.django_db


def post(client, url, body, key=None, **extra):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, body, format="json", **headers, **extra)


def tb_balances() -> dict[str, Decimal]:
    tb = trial_balance(as_of=dt.date(2026, 12, 31))
    assert tb.total_debit == tb.total_credit
    return {row.account.code: row.debit - row.credit for row in tb.rows}


def revenue(code: str) -> Decimal:
    account = Account.objects.get(code=code)
    totals = totals_between(
        start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), account_ids=[account.pk]
    ).get(account.pk)
    return -totals.net if totals else D(0)


def make_item(client, **overrides):
    body = {
        "sku": "KAOS-01",
        "name": "Kaos IPSPI",
        "kind": "goods",
        "price": "100000",
        "tax_code": "ppn",
        **overrides,
    }
    response = client.post("/api/v1/products/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def make_invoice(client, customer, lines, date="2026-03-10"):
    response = client.post(
        "/api/v1/sales/invoices/",
        {"customer": customer, "date": date, "lines": lines},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def issue(client, invoice_id, body=None, key=None):
    return post(client, f"/api/v1/sales/invoices/{invoice_id}/issue/", body or {}, key)


def test_done_when_scenario_through_the_api(treasurer_client, make_member):
    client = treasurer_client
    member = make_member("Siti Rahayu", number="JTM-00001")
    # given: an item, a training and a consulting package in the catalog
    make_item(client)
    make_item(
        client,
        sku="BIMTEK-2026-04",
        name="Bimtek Pekerja Sosial",
        kind="training",
        price="750000",
        tax_code="none",
        event_date="2026-04-20",
        seats=30,
    )
    make_item(
        client, sku="KONS-1", name="Konsultasi", kind="consulting", price="2000000"
    )
    # and stock received: 10 on credit at 40,000 and 5 in cash at 43,000
    r = post(
        client,
        "/api/v1/purchases/",
        {
            "supplier": "CV Sablon Surabaya",
            "date": "2026-03-01",
            "paid_from": "credit",
            "lines": [{"item": "KAOS-01", "quantity": 10, "unit_cost": "40000"}],
        },
        key="buy-1",
    )
    assert r.status_code == 201, r.json()
    purchase_id = r.json()["id"]
    assert r.json()["status"] == "open"
    r = post(
        client,
        "/api/v1/purchases/",
        {
            "supplier": "CV Sablon Surabaya",
            "date": "2026-03-02",
            "paid_from": "cash",
            "lines": [{"item": "KAOS-01", "quantity": 5, "unit_cost": "43000"}],
        },
    )
    assert r.status_code == 201
    kaos = client.get("/api/v1/products/KAOS-01/").json()
    assert (kaos["stock_qty"], kaos["stock_value"]) == (15, "615000")
    assert kaos["average_cost"] == "41000.000000"

    # when: selling to a member (goods with VAT and a discount, a training seat)
    inv_m = make_invoice(
        client,
        {"member": "JTM-00001"},
        [
            {"item": "KAOS-01", "quantity": 3, "discount": "30000"},
            {"item": "BIMTEK-2026-04", "quantity": 1},
        ],
    )
    assert inv_m["status"] == "draft" and inv_m["number"] is None
    # 270,000 base + 29,700 VAT + 750,000 training
    assert inv_m["total"] == "1049700" and inv_m["tax_total"] == "29700"
    r = issue(client, inv_m["id"], key="issue-m")
    assert r.status_code == 200, r.json()
    inv_m = r.json()
    assert inv_m["number"] == "INV-2026-00001" and inv_m["status"] == "issued"

    # and to a non-member: consulting with VAT, on credit, and a mistaken one
    inv_p = make_invoice(
        client,
        {"name": "Dinas Sosial Kab. Malang", "email": "dinsos@example.org"},
        [{"item": "KONS-1", "quantity": 1}],
    )
    inv_p = issue(client, inv_p["id"]).json()
    assert inv_p["number"] == "INV-2026-00002" and inv_p["total"] == "2220000"
    wrong = make_invoice(
        client, {"name": "Salah Ketik"}, [{"item": "KAOS-01", "quantity": 2}]
    )
    wrong = issue(client, wrong["id"]).json()
    assert wrong["number"] == "INV-2026-00003"
    # a cash sale to the public
    cash = make_invoice(
        client, {"name": "Pembeli Umum"}, [{"item": "KAOS-01", "quantity": 1}]
    )
    cash = issue(client, cash["id"], {"paid_from": "cash"}).json()
    assert cash["status"] == "paid" and cash["amount_paid"] == "111000"

    # and taking payment: the member pays in full, the agency partially
    r = post(
        client,
        "/api/v1/sales/payments/",
        {
            "invoice": inv_m["id"],
            "amount": "1049700",
            "method": "bank",
            "date": "2026-03-15",
        },
        key="pay-1",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["receipt_number"] == "KWJ-2026-00001"
    r = post(
        client,
        "/api/v1/sales/payments/",
        {
            "invoice": inv_p["id"],
            "amount": "1000000",
            "method": "cash",
            "date": "2026-03-20",
        },
    )
    assert r.json()["receipt_number"] == "KWJ-2026-00002"
    # voiding the mistaken invoice puts its stock back
    r = post(
        client,
        f"/api/v1/sales/invoices/{wrong['id']}/void/",
        {"reason": "Salah input", "date": "2026-03-11"},
    )
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == "void" and r.json()["void_entry"]
    # paying the supplier and recording an expense
    r = post(
        client,
        f"/api/v1/purchases/{purchase_id}/pay/",
        {"paid_from": "bank", "date": "2026-03-25"},
    )
    assert r.status_code == 200 and r.json()["status"] == "paid"
    r = post(
        client,
        "/api/v1/expenses/",
        {
            "date": "2026-03-26",
            "account": "6-1200",
            "amount": "250000",
            "paid_from": "cash",
            "description": "ATK dan fotokopi",
        },
    )
    assert r.status_code == 201, r.json()

    # then: the books agree with what was sold
    b = tb_balances()
    # cogs: 3 x 41,000 (member) + 1 x 41,000 (cash sale); the void returned 82,000
    assert b["5-1100"] == D(164_000)
    assert b["1-1400"] == D(615_000 - 164_000) == selectors.stock_valuation()
    kaos = client.get("/api/v1/products/KAOS-01/").json()
    assert kaos["stock_qty"] == 11 and kaos["stock_value"] == "451000"
    # gross revenue; the discounts (30,000) on 4-1900 make it 270,000 net
    assert revenue("4-1100") == D(300_000)
    assert b["4-1900"] == D(30_000)
    assert revenue("4-1200") == D(750_000)
    assert revenue("4-1110") == D(100_000)
    assert revenue("4-1310") == D(2_000_000)
    assert revenue("4-1300") == revenue("4-1210") == D(0)
    assert b["2-1600"] == -D(29_700 + 220_000 + 11_000)
    assert b["1-1300"] == D(1_220_000)
    assert "2-1100" not in b
    assert b["1-1100"] == D(-215_000 + 111_000 + 1_000_000 - 250_000)
    assert b["1-1200"] == D(1_049_700 - 400_000)
    assert b["6-1200"] == D(250_000)
    assert selectors.member_purchases(year=2026) == {member.pk: D(1_020_000)}
    training = client.get("/api/v1/products/BIMTEK-2026-04/").json()
    assert training["seats_sold"] == 1 and training["seats_left"] == 29


def test_vat_arithmetic_through_the_api(treasurer_client):
    make_item(treasurer_client, sku="A", kind="consulting", price="1000000")
    make_item(
        treasurer_client,
        sku="B",
        kind="consulting",
        price="1000000",
        tax_code="ppn_luxury",
    )
    make_item(treasurer_client, sku="C", kind="consulting", price="50")
    inv = make_invoice(
        treasurer_client,
        {"name": "X"},
        [
            {"item": "A", "quantity": 1},
            {"item": "B", "quantity": 1},
            {"item": "C", "quantity": 1},
            {"item": "C", "quantity": 3},
        ],
    )
    taxes = [line["tax"] for line in inv["lines"]]
    # VAT on the invoice total per tax code: ppn 11% of 1,000,200 = 110,022 split
    # by largest remainder (110,000; 5.5 and 16.5 tie: the earlier line gets the
    # rupiah), luxury 12% of 1,000,000
    assert taxes == ["110000", "120000", "6", "16"]
    assert inv["tax_total"] == "230022"
    assert inv["total"] == str(2_000_200 + 230_022)


def test_overselling_stock_is_refused_with_a_clear_code(treasurer_client, settings):
    make_item(treasurer_client)
    inv = make_invoice(
        treasurer_client, {"name": "X"}, [{"item": "KAOS-01", "quantity": 1}]
    )
    r = issue(treasurer_client, inv["id"])
    assert r.status_code == 409
    assert r.json()["code"] == "insufficient_stock"
    assert "lines.0.quantity" in r.json()["errors"]
    settings.ESTAMA_ALLOW_NEGATIVE_STOCK = True
    assert issue(treasurer_client, inv["id"]).status_code == 200


def test_payment_rules(treasurer_client):
    make_item(
        treasurer_client, sku="K", kind="consulting", price="500000", tax_code="none"
    )
    inv = make_invoice(treasurer_client, {"name": "X"}, [{"item": "K", "quantity": 1}])
    url = "/api/v1/sales/payments/"
    body = {
        "invoice": inv["id"],
        "amount": "100000",
        "method": "cash",
        "date": "2026-03-10",
    }
    r = post(treasurer_client, url, body)
    assert r.status_code == 409 and r.json()["code"] == "invalid_invoice_status"
    issue(treasurer_client, inv["id"])
    r = post(treasurer_client, url, {**body, "amount": "500001"})
    assert r.status_code == 400 and r.json()["code"] == "overpayment"
    r = post(treasurer_client, url, {**body, "amount": "100.5"})
    assert r.status_code == 400 and r.json()["code"] == "invalid_amount"
    r = post(treasurer_client, url, {**body, "amount": 100000.0})
    assert r.status_code == 400 and r.json()["code"] == "invalid_amount"
    r = post(treasurer_client, url, {**body, "invoice": 999999})
    assert r.status_code == 400
    r = post(treasurer_client, url, {**body, "date": "2026-03-09"})
    assert r.status_code == 400 and r.json()["code"] == "invalid_date"
    r = post(treasurer_client, url, {**body, "method": "gopay"})
    assert r.status_code == 400
    # idempotency: the same key replays and pays once
    first = post(treasurer_client, url, body, key="k1")
    again = post(treasurer_client, url, body, key="k1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert first.json() == again.json()
    reused = post(treasurer_client, url, {**body, "amount": "1"}, key="k1")
    assert reused.status_code == 422
    detail = treasurer_client.get(f"/api/v1/sales/invoices/{inv['id']}/").json()
    assert detail["amount_paid"] == "100000"
    assert detail["status"] == "partially_paid"
    r = post(treasurer_client, f"/api/v1/sales/invoices/{inv['id']}/void/", {})
    assert r.status_code == 409 and r.json()["code"] == "invoice_has_payments"
    r = post(treasurer_client, url, {**body, "amount": "400000"})
    assert r.status_code == 201
    detail = treasurer_client.get(f"/api/v1/sales/invoices/{inv['id']}/").json()
    assert detail["status"] == "paid" and detail["outstanding"] == "0"


def test_bad_inputs_never_500(treasurer_client, make_member):
    # an applicant is not a customer yet (400); a member who has left takes no new
    # charges (409 member_not_active, tests/api/test_member_capital.py)
    make_member(number="JTM-00009", status="applicant")
    make_item(treasurer_client, sku="K", kind="consulting", price="1000")
    bad_bodies = [
        {},
        {"customer": {}, "date": "2026-01-01", "lines": [{"item": "K", "quantity": 1}]},
        {
            "customer": {"member": "NOPE"},
            "date": "2026-01-01",
            "lines": [{"item": "K", "quantity": 1}],
        },
        {
            "customer": {"member": "JTM-00009"},
            "date": "2026-01-01",
            "lines": [{"item": "K", "quantity": 1}],
        },
        {
            "customer": {"name": "X"},
            "date": "2026-13-01",
            "lines": [{"item": "K", "quantity": 1}],
        },
        {"customer": {"name": "X"}, "date": "2026-01-01", "lines": []},
        {
            "customer": {"name": "X"},
            "date": "2026-01-01",
            "lines": [{"item": "NOPE", "quantity": 1}],
        },
        {
            "customer": {"name": "X"},
            "date": "2026-01-01",
            "lines": [{"item": "K", "quantity": 0}],
        },
        {
            "customer": {"name": "X"},
            "date": "2026-01-01",
            "lines": [{"item": "K", "quantity": 1.5}],
        },
        {
            "customer": {"name": "X"},
            "date": "2026-01-01",
            "lines": [{"item": "K", "quantity": 1, "discount": "1001"}],
        },
        {
            "customer": {"name": "X"},
            "date": "2026-01-01",
            "lines": [{"item": "K", "quantity": 1, "unit_price": "0"}],
        },
        {
            "customer": {"name": "X"},
            "date": "2026-01-01",
            "lines": [{"item": "K\x00", "quantity": 1}],
        },
        {"customer": "X", "date": "2026-01-01", "lines": "K"},
    ]
    for body in bad_bodies:
        r = treasurer_client.post("/api/v1/sales/invoices/", body, format="json")
        assert r.status_code == 400, (body, r.json())
    codes = {
        "NOPE": "invalid_member",
    }
    r = treasurer_client.post("/api/v1/sales/invoices/", bad_bodies[2], format="json")
    assert r.json()["code"] == codes["NOPE"]
    r = treasurer_client.post("/api/v1/sales/invoices/", bad_bodies[6], format="json")
    assert r.json()["code"] == "invalid_item"
    r = treasurer_client.post("/api/v1/sales/invoices/", bad_bodies[9], format="json")
    assert r.json()["code"] == "invalid_discount"
    assert treasurer_client.get("/api/v1/sales/invoices/999/").status_code == 404
    assert (
        treasurer_client.post("/api/v1/sales/invoices/999/issue/", {}).status_code
        == 404
    )
    assert treasurer_client.get("/api/v1/products/K%00/").status_code == 404
    big = "/api/v1/sales/invoices/99999999999999999999/"
    assert treasurer_client.get(big).status_code == 404
    r = treasurer_client.post(
        "/api/v1/sales/payments/",
        {"invoice": 2**62, "amount": "1", "method": "cash", "date": "2026-01-01"},
        format="json",
    )
    assert r.status_code == 400
    r = treasurer_client.get("/api/v1/sales/invoices/?member=%00")
    assert r.status_code in (200, 400)
    r = treasurer_client.get("/api/v1/sales/invoices/?status=bogus")
    assert r.status_code == 400
    r = treasurer_client.get("/api/v1/sales/invoices/?date_from=nope")
    assert r.status_code == 400


def test_product_rules(treasurer_client, auditor_client, make_member, client_for):
    make_item(treasurer_client)
    r = treasurer_client.post(
        "/api/v1/products/",
        {"sku": "kaos-01", "name": "x", "kind": "goods", "price": "1"},
        format="json",
    )
    assert r.status_code == 409 and r.json()["code"] == "duplicate_sku"
    r = treasurer_client.post(
        "/api/v1/products/",
        {"sku": "X", "name": "x", "kind": "goods", "price": "1.5"},
        format="json",
    )
    assert r.status_code == 400 and r.json()["code"] == "invalid_amount"
    r = treasurer_client.post(
        "/api/v1/products/",
        {"sku": "X", "name": "x", "kind": "goods", "price": "1", "seats": 3},
        format="json",
    )
    assert r.status_code == 400 and r.json()["code"] == "invalid_item"
    r = treasurer_client.patch(
        "/api/v1/products/KAOS-01/", {"price": "120000"}, format="json"
    )
    assert r.status_code == 200 and r.json()["price"] == "120000"
    member = make_member(login=True)
    member_client = client_for(member.user)
    assert member_client.get("/api/v1/products/").status_code == 200
    assert auditor_client.get("/api/v1/products/KAOS-01/").status_code == 200
    for client in (member_client, auditor_client):
        r = client.patch("/api/v1/products/KAOS-01/", {"price": "1"}, format="json")
        assert r.status_code == 403
        r = client.post("/api/v1/products/", {"sku": "Z"}, format="json")
        assert r.status_code == 403
    assert client_for(None).get("/api/v1/products/").status_code == 401


def test_void_date_before_the_invoice_is_refused_and_void_is_final(treasurer_client):
    make_item(treasurer_client, sku="K", kind="consulting", price="1000")
    inv = make_invoice(treasurer_client, {"name": "X"}, [{"item": "K", "quantity": 1}])
    issue(treasurer_client, inv["id"])
    url = f"/api/v1/sales/invoices/{inv['id']}/void/"
    r = post(treasurer_client, url, {"date": "2026-03-09"})
    assert r.status_code == 400 and r.json()["code"] == "invalid_date"
    assert post(treasurer_client, url, {"date": "2026-03-10"}).status_code == 200
    r = post(treasurer_client, url, {})
    assert r.status_code == 409 and r.json()["code"] == "invalid_invoice_status"
    r = issue(treasurer_client, inv["id"])
    assert r.status_code == 409 and r.json()["code"] == "invalid_invoice_status"
    assert tb_balances() == {}
