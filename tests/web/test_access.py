"""Who may open which page: anonymous, member (own data only), treasurer, auditor."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

MEMBER_PAGES = ["/", "/me/statement/", "/me/receipts/", "/me/statement/pdf/"]
ALL_PAGES = [*MEMBER_PAGES, "/cashbook/", "/dashboard/"]


@pytest.mark.parametrize("url", ALL_PAGES)
def test_anonymous_visitor_is_sent_to_the_login_page(web_client, url):
    response = web_client().get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_anonymous_visitor_cannot_fetch_a_receipt(web_client, portal):
    response = web_client().get(f"/me/receipts/{portal.sari_receipt}.pdf")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("url", [*MEMBER_PAGES, "/cashbook/"])
def test_member_opens_their_pages(web_client, portal, url):
    response = web_client(portal.sari.user).get(url)

    assert response.status_code == 200


def test_member_downloads_their_own_receipt_and_invoice(web_client, portal):
    client = web_client(portal.sari.user)

    receipt = client.get(f"/me/receipts/{portal.sari_receipt}.pdf")
    invoice = client.get(f"/me/receipts/{portal.sari_invoice}.pdf")

    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF")
    assert invoice.status_code == 200 and invoice.content.startswith(b"%PDF")


def test_another_members_receipt_answers_404(web_client, portal):
    response = web_client(portal.sari.user).get(
        f"/me/receipts/{portal.budi_receipt}.pdf"
    )

    assert response.status_code == 404


def test_another_members_invoice_answers_404(web_client, portal):
    response = web_client(portal.budi.user).get(
        f"/me/receipts/{portal.sari_invoice}.pdf"
    )

    assert response.status_code == 404


@pytest.mark.parametrize("number", ["KW-2099-00001", "nonsense", "..%2F..%2Fetc"])
def test_unknown_document_number_answers_404(web_client, portal, number):
    response = web_client(portal.sari.user).get(f"/me/receipts/{number}.pdf")

    assert response.status_code == 404


def test_member_gets_404_for_the_dashboard(web_client, portal):
    response = web_client(portal.sari.user).get("/dashboard/")

    assert response.status_code == 404


def test_treasurer_home_redirects_to_the_dashboard(web_client, treasurer):
    client = web_client(treasurer)

    home = client.get("/")
    dashboard = client.get("/dashboard/")

    assert home.status_code == 302 and home["Location"] == "/dashboard/"
    assert dashboard.status_code == 200


def test_auditor_reads_the_dashboard_without_data_entry_links(web_client, auditor):
    client = web_client(auditor)

    assert client.get("/").headers["Location"] == "/dashboard/"
    response = client.get("/dashboard/")

    assert response.status_code == 200
    assert b"/add/" not in response.content


def test_treasurer_gets_admin_links_for_data_entry(web_client, treasurer):
    response = web_client(treasurer).get("/dashboard/")

    assert b"/admin/ledger/journalentry/add/" in response.content


@pytest.mark.parametrize("url", ["/me/statement/", "/me/receipts/"])
def test_treasurer_has_no_member_pages(web_client, treasurer, url):
    assert web_client(treasurer).get(url).status_code == 404


def test_user_without_a_role_sees_no_data(web_client, db):
    stranger = User.objects.create_user(username="tamu", password="rahasia-123")
    client = web_client(stranger)

    assert client.get("/").status_code == 403
    assert client.get("/cashbook/").status_code == 404
    assert client.get("/dashboard/").status_code == 404
    assert client.get("/me/statement/").status_code == 404


def test_invoice_payment_receipt_is_only_for_its_member(web_client, portal):
    # given Budi buys a consultation on credit and pays part of it
    from sales.models import Item
    from sales.services import InvoiceLineInput, invoice_create, invoice_issue
    from sales.services.payments import payment_record

    invoice = invoice_create(
        date=portal.today,
        lines=[InvoiceLineInput(item=Item.objects.get(sku="KONS-1"), quantity=1)],
        member=portal.budi,
    )
    invoice_issue(invoice=invoice)
    payment = payment_record(
        invoice=invoice, amount=Decimal(100000), method="bank", date=portal.today
    )
    url = f"/me/receipts/{payment.receipt_number}.pdf"

    # then Budi lists and downloads its receipt; Sari gets 404
    listing = web_client(portal.budi.user).get("/me/receipts/").content.decode()
    assert url in listing
    mine = web_client(portal.budi.user).get(url)
    assert mine.status_code == 200 and mine.content.startswith(b"%PDF")
    assert web_client(portal.sari.user).get(url).status_code == 404


WORKSPACE_PAGES = [
    "/kas/terima/",
    "/kas/tunggakan/",
    "/kas/tunggakan/?format=xlsx",
    "/iuran/terbitkan/",
    "/laporan/",
    "/laporan/ekspor/",
    "/tugas/",
    "/kas/anggota.json?q=sa",
]


@pytest.mark.parametrize("url", WORKSPACE_PAGES)
def test_workspace_pages_are_for_staff_only(web_client, portal, treasurer, url):
    assert web_client().get(url).status_code == 302
    assert web_client(portal.sari.user).get(url).status_code == 404
    assert web_client(treasurer).get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/kas/terima/", "/kas/tunggakan/ingatkan/", "/iuran/terbitkan/"],
)
def test_auditor_posts_are_refused(web_client, auditor, url):
    assert web_client(auditor).post(url, {"period": "2026-01"}).status_code == 403
