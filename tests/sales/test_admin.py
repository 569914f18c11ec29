"""The sales admin: lists without per-row queries, actions through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from sales.models import Invoice, InvoiceStatus, Item
from sales.services import (
    InvoiceLineInput,
    PurchaseLineInput,
    expense_record,
    invoice_create,
    invoice_issue,
    item_create,
    payment_record,
    purchase_record,
)

D = Decimal
DAY = dt.date(2026, 5, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("admin", "a@example.org", "rahasia-123")
    client.force_login(user)
    return client


def populate(n, make_member):
    if not Item.objects.filter(sku="KAOS").exists():
        item_create(
            sku="KAOS", name="Kaos", kind="goods", price=D(1000), tax_code="ppn"
        )
    purchase_record(
        supplier=f"S{n}",
        date=DAY,
        paid_from="credit",
        lines=[PurchaseLineInput(item="KAOS", quantity=100, unit_cost=D(500))],
    )
    for _ in range(n):
        inv = invoice_create(
            date=DAY,
            member=make_member(),
            lines=[InvoiceLineInput(item="KAOS", quantity=1)],
        )
        inv = invoice_issue(invoice=inv)
        payment_record(invoice=inv, amount=D(10), method="cash", date=DAY)
        expense_record(
            date=DAY,
            account="6-1200",
            amount=D(100),
            paid_from="cash",
            description="ATK",
        )


@pytest.mark.parametrize("path", ["item", "invoice", "payment", "purchase", "expense"])
def test_changelists_do_not_query_per_row(
    path, admin_client, make_member, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    populate(2, make_member)
    url = f"/admin/sales/{path}/"
    assert admin_client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    populate(10, make_member)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(url).status_code == 200


def test_actions_issue_pay_and_void(admin_client, make_member):
    item_create(sku="KONS", name="Konsultasi", kind="consulting", price=D(1000))
    drafts = [
        invoice_create(
            date=DAY,
            customer_name=f"C{i}",
            lines=[InvoiceLineInput(item="KONS", quantity=1)],
        )
        for i in range(3)
    ]
    url = "/admin/sales/invoice/"
    ids = [str(inv.pk) for inv in drafts]
    admin_client.post(url, {"action": "issue_invoices", "_selected_action": ids})
    assert set(Invoice.objects.values_list("status", flat=True)) == {"issued"}
    admin_client.post(
        url, {"action": "record_full_payment", "_selected_action": ids[:1]}
    )
    admin_client.post(url, {"action": "void_invoices", "_selected_action": ids})
    statuses = dict(Invoice.objects.values_list("pk", "status"))
    assert statuses[drafts[0].pk] == InvoiceStatus.PAID  # refused: has payments
    assert statuses[drafts[1].pk] == statuses[drafts[2].pk] == InvoiceStatus.VOID


def test_item_admin_creates_through_the_service(admin_client):
    response = admin_client.post(
        "/admin/sales/item/add/",
        {
            "sku": "MUG",
            "name": "Mug",
            "kind": "goods",
            "unit": "pcs",
            "price_0": "25000",
            "price_1": "IDR",
            "tax_code": "ppn",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    item = Item.objects.get(sku="MUG")
    assert item.price.amount == D(25000)
    from audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="item.created").count() == 1


def test_item_admin_refuses_a_price_the_service_would_refuse(admin_client):
    # given: a price of 10**15 (the form's column allows it, the service does not)
    response = admin_client.post(
        "/admin/sales/item/add/",
        {
            "sku": "MUG",
            "name": "Mug",
            "kind": "goods",
            "unit": "pcs",
            "price_0": "1000000000000000",
            "price_1": "IDR",
            "tax_code": "ppn",
            "is_active": "on",
        },
    )
    # then: the form shows the error (it used to redirect as if saved, saving nothing)
    assert response.status_code == 200
    assert "price" in response.context["adminform"].form.errors
    assert not Item.objects.exists()
