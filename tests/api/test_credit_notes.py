"""Credit notes, gross discounts and VAT rounding through the API (issue 12).

Invariant tests commit for real: verify_ledger is green after each one.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.integrity import ledger_verify
from ledger.models import JournalEntry
from sales import selectors
from tests.api.test_sales import issue, make_invoice, make_item, post, tb_balances

D = Decimal
pytestmark = pytest.mark.django_db(transaction=True)


def _stock(client, quantity=10, unit_cost="40000"):
    response = post(
        client,
        "/api/v1/purchases/",
        {
            "supplier": "CV Sablon",
            "date": "2026-03-01",
            "paid_from": "cash",
            "lines": [
                {"item": "KAOS-01", "quantity": quantity, "unit_cost": unit_cost}
            ],
        },
    )
    assert response.status_code == 201, response.json()


def _credit_note(client, invoice_id, body, key=None):
    return post(client, f"/api/v1/sales/invoices/{invoice_id}/credit-note/", body, key)


def _entry_lines(number: str) -> set[tuple[str, str, Decimal, int | None]]:
    entry = JournalEntry.objects.get(number=number)
    return {
        (line.account.code, line.side, line.amount.amount, line.member_id)
        for line in entry.lines.select_related("account")
    }


def test_partial_return_on_credit_reduces_what_the_member_owes(
    treasurer_client, make_member
):
    client = treasurer_client
    member = make_member("Siti", number="JTM-00001")
    make_item(client)
    _stock(client)
    # given a member bought 3 shirts (100.000 each, 30.000 discount) on credit
    invoice = make_invoice(
        client,
        {"member": "JTM-00001"},
        [{"item": "KAOS-01", "quantity": 3, "discount": "30000"}],
    )
    invoice = issue(client, invoice["id"]).json()
    assert invoice["total"] == "299700"  # 270.000 + 29.700 VAT
    line = invoice["lines"][0]["id"]

    # when one shirt comes back, credited against the invoice
    response = _credit_note(
        client,
        invoice["id"],
        {
            "lines": [{"line": line, "quantity": 1}],
            "refund": "credit",
            "date": "2026-03-15",
            "reason": "Ukuran salah",
        },
        key="kn-1",
    )

    # then a numbered credit note returns a third of the line, to the rupiah
    assert response.status_code == 201, response.json()
    note = response.json()
    assert note["number"] == "KN-2026-00001"
    assert (note["subtotal"], note["discount"], note["tax"], note["total"]) == (
        "100000",
        "10000",
        "9900",
        "99900",
    )
    assert (note["to_receivable"], note["refunded"]) == ("99900", "0")
    # posted to 4-1900 with the output VAT reversed, stock back at the cost it left
    assert _entry_lines(note["entry"]) == {
        ("4-1900", "D", D(90000), member.pk),
        ("2-1600", "D", D(9900), member.pk),
        ("1-1300", "C", D(99900), member.pk),
        ("1-1400", "D", D(40000), member.pk),
        ("5-1100", "C", D(40000), member.pk),
    }
    kaos = client.get("/api/v1/products/KAOS-01/").json()
    assert (kaos["stock_qty"], kaos["stock_value"]) == (8, "320000")
    detail = client.get(f"/api/v1/sales/invoices/{invoice['id']}/").json()
    assert detail["outstanding"] == "199800"
    # the replay of the same key changes nothing
    again = _credit_note(
        client,
        invoice["id"],
        {
            "lines": [{"line": line, "quantity": 1}],
            "refund": "credit",
            "date": "2026-03-15",
            "reason": "Ukuran salah",
        },
        key="kn-1",
    )
    assert again.status_code == 201 and again.json()["number"] == "KN-2026-00001"
    # the member's purchases for the SHU are net of the return
    assert selectors.member_purchases(year=2026) == {member.pk: D(180000)}
    # the rest is paid in full and the invoice is settled
    paid = post(
        client,
        "/api/v1/sales/payments/",
        {
            "invoice": invoice["id"],
            "amount": "199800",
            "method": "cash",
            "date": "2026-03-20",
        },
    )
    assert paid.status_code == 201, paid.json()
    detail = client.get(f"/api/v1/sales/invoices/{invoice['id']}/").json()
    assert detail["status"] == "paid" and detail["outstanding"] == "0"
    # returning the other two (no lines: the whole rest) on the now paid invoice
    # refunds them by bank; together the two credit notes give back every rupiah
    rest = _credit_note(
        client, invoice["id"], {"refund": "bank", "date": "2026-03-25"}
    ).json()
    assert rest["number"] == "KN-2026-00002"
    assert (rest["discount"], rest["tax"], rest["total"]) == (
        "20000",
        "19800",
        "199800",
    )
    assert (rest["to_receivable"], rest["refunded"]) == ("0", "199800")
    b = tb_balances()
    assert b.get("2-1600", D(0)) == 0 and b["4-1900"] == D(30000 + 270000)
    assert b["4-1100"] == D(-300000) and b.get("5-1100", D(0)) == 0
    assert b["1-1400"] == D(400000) == selectors.stock_valuation()
    # nothing more can be returned, and an invoice with credit notes is not voided
    over = _credit_note(client, invoice["id"], {"refund": "cash"})
    assert over.status_code == 400 and over.json()["code"] == "invalid_return"
    void = post(client, f"/api/v1/sales/invoices/{invoice['id']}/void/", {})
    assert void.status_code == 409
    assert ledger_verify().ok


def test_cash_sale_returned_whole_refunds_cash(treasurer_client):
    client = treasurer_client
    make_item(client)
    _stock(client, quantity=2, unit_cost="41000")
    invoice = make_invoice(
        client, {"name": "Pembeli umum"}, [{"item": "KAOS-01", "quantity": 2}]
    )
    invoice = issue(client, invoice["id"], {"paid_from": "cash"}).json()
    assert invoice["status"] == "paid" and invoice["total"] == "222000"

    response = _credit_note(client, invoice["id"], {"refund": "cash"})

    assert response.status_code == 201, response.json()
    note = response.json()
    assert (note["total"], note["refunded"]) == ("222000", "222000")
    assert _entry_lines(note["entry"]) == {
        ("4-1900", "D", D(200000), None),
        ("2-1600", "D", D(22000), None),
        ("1-1100", "C", D(222000), None),
        ("1-1400", "D", D(82000), None),
        ("5-1100", "C", D(82000), None),
    }
    kaos = client.get("/api/v1/products/KAOS-01/").json()
    assert (kaos["stock_qty"], kaos["stock_value"]) == (2, "82000")
    pdf = client.get(note["pdf_url"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (
        client.get(f"/api/v1/sales/credit-notes/{note['id']}/").json()["number"]
        == (note["number"])
    )
    assert ledger_verify().ok


def test_credit_refund_is_for_members_and_goes_to_their_credit(
    treasurer_client, make_member, client_for
):
    client = treasurer_client
    member = make_member("Budi", number="JTM-00002", login=True)
    make_item(client, sku="KONS", kind="consulting", price="500000", tax_code="none")
    public = make_invoice(
        client, {"name": "PT Umum"}, [{"item": "KONS", "quantity": 1}]
    )
    issue(client, public["id"], {"paid_from": "bank"})
    refused = _credit_note(client, public["id"], {"refund": "credit"})
    assert refused.status_code == 400 and refused.json()["code"] == "invalid_refund"

    own = make_invoice(
        client, {"member": "JTM-00002"}, [{"item": "KONS", "quantity": 1}]
    )
    issue(client, own["id"], {"paid_from": "bank"})
    note = _credit_note(client, own["id"], {"refund": "credit"}).json()
    assert _entry_lines(note["entry"]) == {
        ("4-1900", "D", D(500000), member.pk),
        ("2-1230", "C", D(500000), member.pk),
    }
    # the member sees their own credit note, not the public customer's invoice
    mine = client_for(member.user)
    assert mine.get(f"/api/v1/sales/credit-notes/{note['id']}/").status_code == 200
    assert mine.post(f"/api/v1/sales/invoices/{own['id']}/credit-note/", {}).status_code
    assert mine.post(
        f"/api/v1/sales/invoices/{own['id']}/credit-note/", {"refund": "cash"}
    ).status_code in (403, 404)
    assert ledger_verify().ok


def test_credit_note_input_errors(treasurer_client):
    client = treasurer_client
    make_item(client, sku="KONS", kind="consulting", price="500000")
    draft = make_invoice(client, {"name": "X"}, [{"item": "KONS", "quantity": 2}])
    line = draft["lines"][0]["id"]
    not_issued = _credit_note(client, draft["id"], {"refund": "cash"})
    assert not_issued.status_code == 409
    assert not_issued.json()["code"] == "invalid_invoice_status"
    issue(client, draft["id"])
    cases = [
        ({"refund": "cheque"}, "invalid"),
        ({"refund": "cash", "lines": []}, "invalid_return"),
        (
            {"refund": "cash", "lines": [{"line": 999999, "quantity": 1}]},
            "invalid_return",
        ),
        (
            {"refund": "cash", "lines": [{"line": line, "quantity": 3}]},
            "invalid_return",
        ),
        (
            {
                "refund": "cash",
                "lines": [{"line": line, "quantity": 1}, {"line": line, "quantity": 2}],
            },
            "invalid_return",
        ),
        ({"refund": "cash", "date": "2026-01-01"}, "invalid_date"),
    ]
    for body, code in cases:
        response = _credit_note(client, draft["id"], body)
        assert response.status_code == 400, (body, response.json())
        assert response.json()["code"] == code, (body, response.json())
    assert not JournalEntry.objects.filter(reference__startswith="KN-").exists()
    assert client.post(
        "/api/v1/sales/invoices/999999/credit-note/", {}
    ).status_code == (404)


def test_three_lines_carry_the_same_vat_as_one_line_of_three(treasurer_client):
    client = treasurer_client
    make_item(client, sku="S", kind="consulting", price="10005")
    split = make_invoice(
        client, {"name": "X"}, [{"item": "S", "quantity": 1} for _ in range(3)]
    )
    single = make_invoice(client, {"name": "X"}, [{"item": "S", "quantity": 3}])
    # 11% of 30.015 = 3.301,65 -> 3.302, on the total, split 1.101 + 1.101 + 1.100
    assert single["tax_total"] == split["tax_total"] == "3302"
    assert [line["tax"] for line in split["lines"]] == ["1101", "1101", "1100"]
