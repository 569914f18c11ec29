"""Input VAT on purchases and expenses, and the monthly VAT report (issue 12)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.integrity import ledger_verify
from ledger.models import JournalEntry
from tests.api.test_sales import issue, make_invoice, make_item, post

D = Decimal
pytestmark = pytest.mark.django_db(transaction=True)
URL = "/api/v1/reports/vat/"


def _lines(number: str) -> set[tuple[str, str, Decimal]]:
    entry = JournalEntry.objects.get(number=number)
    return {
        (line.account.code, line.side, line.amount.amount)
        for line in entry.lines.select_related("account")
    }


def _purchase(client, date, quantity, unit_cost, tax_code="ppn"):
    response = post(
        client,
        "/api/v1/purchases/",
        {
            "supplier": "CV Sablon (PKP)",
            "date": date,
            "paid_from": "cash",
            "lines": [
                {
                    "item": "KAOS-01",
                    "quantity": quantity,
                    "unit_cost": unit_cost,
                    "tax_code": tax_code,
                }
            ],
        },
    )
    assert response.status_code == 201, response.json()
    return response.json()


def _sale(client, date, price_item, quantity=1):
    invoice = make_invoice(
        client, {"name": "PT Klien"}, [{"item": price_item, "quantity": quantity}], date
    )
    response = issue(client, invoice["id"], {"paid_from": "bank"})
    assert response.status_code == 200, response.json()
    return response.json()


def _report(client, period):
    response = client.get(URL, {"period": period})
    assert response.status_code == 200, response.json()
    return response.json()


def test_input_vat_on_purchases_and_expenses_and_the_monthly_balance(
    treasurer_client, auditor_client
):
    client = treasurer_client
    make_item(client)
    make_item(client, sku="KONS", kind="consulting", price="1000000")
    # March: goods bought with VAT, an expense with VAT, a consulting sale
    purchase = _purchase(client, "2026-03-02", 10, "40000")
    assert (purchase["total"], purchase["tax_total"]) == ("444000", "44000")
    assert purchase["lines"][0]["tax"] == "44000"
    assert _lines(purchase["entry"]) == {
        ("1-1400", "D", D(400000)),
        ("1-1500", "D", D(44000)),
        ("1-1100", "C", D(444000)),
    }
    # input VAT is recoverable: not part of what stock costs
    kaos = client.get("/api/v1/products/KAOS-01/").json()
    assert kaos["stock_value"] == "400000"
    expense = post(
        client,
        "/api/v1/expenses/",
        {
            "date": "2026-03-05",
            "account": "6-1200",
            "amount": "200000",
            "tax_code": "ppn",
            "paid_from": "bank",
            "description": "Cetak brosur",
        },
    )
    assert expense.status_code == 201, expense.json()
    assert (expense.json()["tax"], expense.json()["tax_code"]) == ("22000", "ppn")
    assert _lines(expense.json()["entry"]) == {
        ("6-1200", "D", D(200000)),
        ("1-1500", "D", D(22000)),
        ("1-1200", "C", D(222000)),
    }
    _sale(client, "2026-03-10", "KONS")

    march = _report(auditor_client, "2026-03")
    assert march == {
        "period": "2026-03",
        "currency": "IDR",
        "output_vat": "110000",
        "input_vat": "66000",
        "carried_in": "0",
        "balance": "44000",
        "to_pay": "44000",
        "carry_forward": "0",
        "status": "kurang_bayar",
    }
    # April: a large purchase and no sales: lebih bayar, carried on
    _purchase(client, "2026-04-03", 25, "40000")
    april = _report(client, "2026-04")
    assert (april["input_vat"], april["balance"], april["carry_forward"]) == (
        "110000",
        "-110000",
        "110000",
    )
    assert april["status"] == "lebih_bayar"
    # May: two sales, one partly returned; the April excess is set off first
    _sale(client, "2026-05-04", "KONS", quantity=2)
    returned = _sale(client, "2026-05-06", "KONS")
    note = post(
        client,
        f"/api/v1/sales/invoices/{returned['id']}/credit-note/",
        {"refund": "bank", "date": "2026-05-20"},
    )
    assert note.status_code == 201, note.json()
    may = _report(client, "2026-05")
    assert (may["output_vat"], may["carried_in"], may["to_pay"]) == (
        "220000",
        "110000",
        "110000",
    )
    # a month without VAT carries nothing and owes nothing
    assert _report(client, "2026-06")["status"] == "nihil"
    assert ledger_verify().ok


def test_vat_report_input_is_checked(treasurer_client, make_member, client_for):
    for bad in ("2026-13", "2026", "x", ""):
        response = treasurer_client.get(URL, {"period": bad})
        assert response.status_code == 400, bad
        assert response.json()["code"] in ("invalid_period", "invalid")
    assert treasurer_client.get(URL).status_code == 400
    member = make_member("Ani", login=True)
    assert client_for(member.user).get(URL, {"period": "2026-03"}).status_code == 403


def test_an_unknown_tax_code_is_refused(treasurer_client):
    make_item(treasurer_client)
    response = post(
        treasurer_client,
        "/api/v1/purchases/",
        {
            "supplier": "X",
            "date": "2026-03-02",
            "paid_from": "cash",
            "lines": [
                {"item": "KAOS-01", "quantity": 1, "unit_cost": "1000", "tax_code": "x"}
            ],
        },
    )
    assert response.status_code == 400
    assert not JournalEntry.objects.exists()


def test_vat_report_reads_a_constant_number_of_queries(
    treasurer_client, django_assert_max_num_queries
):
    make_item(treasurer_client, sku="KONS", kind="consulting", price="1000000")
    for day in range(1, 6):
        _sale(treasurer_client, f"2026-0{day}-0{day}", "KONS")
    with django_assert_max_num_queries(8):
        assert _report(treasurer_client, "2026-05")["to_pay"] == "110000"
