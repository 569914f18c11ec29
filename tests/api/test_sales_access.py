"""Who sees which invoices and payments; PDFs; constant-query lists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sales.models import Purchase
from sales.services import (
    InvoiceLineInput,
    PurchaseLineInput,
    invoice_create,
    invoice_issue,
    item_create,
    payment_record,
    purchase_pay,
    purchase_record,
)

D = Decimal
DAY = dt.date(2026, 5, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    item_create(sku="KAOS", name="Kaos", kind="goods", price=D(100_000), tax_code="ppn")
    item_create(sku="KONS", name="Konsultasi", kind="consulting", price=D(300_000))
    purchase_record(
        supplier="CV A",
        date=DAY,
        paid_from="cash",
        lines=[PurchaseLineInput(item="KAOS", quantity=500, unit_cost=D(30_000))],
    )


def sell(member=None, name="", paid=0, n=1):
    inv = invoice_create(
        date=DAY,
        member=member,
        customer_name=name,
        lines=[
            InvoiceLineInput(item="KAOS", quantity=n),
            InvoiceLineInput(item="KONS", quantity=1),
        ],
    )
    inv = invoice_issue(invoice=inv)
    if paid:
        payment_record(invoice=inv, amount=paid, method="cash", date=DAY)
    return inv


def test_member_reads_only_own_invoices_and_payments(catalog, make_member, client_for):
    siti = make_member("Siti", login=True)
    budi = make_member("Budi", login=True)
    mine = sell(siti, paid=D(1000))
    theirs = sell(budi, paid=D(1000))
    public = sell(name="Umum")
    client = client_for(siti.user)
    listing = client.get("/api/v1/sales/invoices/").json()
    assert [row["id"] for row in listing["results"]] == [mine.pk]
    assert client.get(f"/api/v1/sales/invoices/{mine.pk}/").status_code == 200
    for other in (theirs, public):
        assert client.get(f"/api/v1/sales/invoices/{other.pk}/").status_code == 404
        assert client.get(f"/api/v1/sales/invoices/{other.pk}/pdf/").status_code == 404
    payments = client.get("/api/v1/sales/payments/").json()["results"]
    assert [p["invoice"] for p in payments] == [mine.pk]
    other_payment = theirs.payments.get()
    r = client.get(f"/api/v1/sales/payments/{other_payment.pk}/receipt/")
    assert r.status_code == 404
    r = client.get(f"/api/v1/sales/payments/{mine.payments.get().pk}/receipt/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    # members write nothing, and do not see purchases or expenses
    r = client.post(
        "/api/v1/sales/payments/",
        {"invoice": mine.pk, "amount": "1", "method": "cash", "date": "2026-05-02"},
        format="json",
    )
    assert r.status_code == 403
    assert client.post(f"/api/v1/sales/invoices/{mine.pk}/void/", {}).status_code == 403
    assert client.get("/api/v1/purchases/").status_code == 403
    assert client.get("/api/v1/expenses/").status_code == 403


def test_auditor_reads_everything_and_writes_nothing(
    catalog, make_member, auditor_client
):
    inv = sell(make_member(), paid=D(1000))
    assert auditor_client.get("/api/v1/sales/invoices/").json()["count"] == 1
    assert (
        auditor_client.get(f"/api/v1/sales/invoices/{inv.pk}/pdf/").status_code == 200
    )
    assert auditor_client.get("/api/v1/purchases/").status_code == 200
    assert auditor_client.get("/api/v1/expenses/").status_code == 200
    assert auditor_client.get("/api/v1/sales/payments/").json()["count"] == 1
    writes = [
        ("/api/v1/sales/invoices/", {}),
        (f"/api/v1/sales/invoices/{inv.pk}/issue/", {}),
        (f"/api/v1/sales/invoices/{inv.pk}/void/", {}),
        ("/api/v1/sales/payments/", {}),
        ("/api/v1/purchases/", {}),
        (f"/api/v1/purchases/{Purchase.objects.get().pk}/pay/", {}),
        ("/api/v1/expenses/", {}),
    ]
    for url, body in writes:
        assert auditor_client.post(url, body, format="json").status_code == 403, url


def test_invoice_pdf_is_a_pdf(catalog, treasurer_client, make_member):
    inv = sell(make_member("Dewi Lestari"))
    r = treasurer_client.get(f"/api/v1/sales/invoices/{inv.pk}/pdf/")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert inv.number in r["Content-Disposition"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/sales/invoices/",
        "/api/v1/sales/payments/",
        "/api/v1/purchases/",
        "/api/v1/expenses/",
        "/api/v1/products/",
    ],
)
def test_lists_make_a_constant_number_of_queries(
    url, catalog, make_member, treasurer_client, django_assert_max_num_queries
):
    from sales.services import expense_record

    def add(n):
        for i in range(n):
            sell(make_member(), paid=D(1000))
            item_create(sku=f"X{i}-{n}", name="x", kind="consulting", price=D(1))
            expense_record(
                date=DAY,
                account="6-1200",
                amount=D(1000),
                paid_from="cash",
                description="ATK",
            )
            purchase = purchase_record(
                supplier=f"S{i}",
                date=DAY,
                paid_from="credit",
                lines=[
                    PurchaseLineInput(item="KAOS", quantity=1, unit_cost=D(1)),
                    PurchaseLineInput(item="KAOS", quantity=2, unit_cost=D(2)),
                ],
            )
            purchase_pay(purchase=purchase, paid_from="bank", date=DAY, amount=D(1))

    add(2)
    treasurer_client.get(url)  # warm caches (role, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert treasurer_client.get(url).status_code == 200
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = treasurer_client.get(url)
    assert response.json()["count"] >= 10
