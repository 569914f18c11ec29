"""What the pages show: a member's own dues and balances, the statement with its PDF,
receipts, the anonymous cash book and the treasurer's dashboard."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
    )


def test_home_shows_the_members_card_dues_and_balances(web_client, portal):
    # given Sari paid Rp 25.000 of two Rp 25.000 iuran and saved Rp 40.000 sukarela
    # when she opens her home page
    html = web_client(portal.sari.user).get("/").content.decode()

    # then she sees her card, one open iuran (this month's) and her simpanan
    assert portal.sari.number in html
    assert "Kota Surabaya" in html
    assert "Berlaku selama iuran lunas" in html
    assert "Rp 25.000" in html
    assert "Rp 40.000" in html
    assert "Simpanan pokok" in html and "Simpanan wajib" in html
    # and nothing of Budi's
    assert portal.budi.number not in html
    assert "Budi" not in html


def test_home_flags_overdue_dues(web_client, portal):
    # Budi paid Rp 10.000 of last month's Rp 25.000: Rp 15.000 is overdue
    html = web_client(portal.budi.user).get("/").content.decode()

    assert "Lewat jatuh tempo" in html
    assert "Ada tunggakan" in html
    assert "Rp 15.000" in html
    assert portal.sari.number not in html


def test_statement_is_in_plain_language(web_client, portal):
    html = web_client(portal.sari.user).get("/me/statement/").content.decode()

    # simpanan, bills by period, payments with receipts, SHU: no codes, no debit
    assert "Setoran simpanan sukarela" in html and "Rp 40.000" in html
    assert f"Kuitansi {portal.sari_receipt} (PDF)" in html
    assert "Iuran" in html and "Lunas" in html and "Belum lunas" in html
    assert "SHU (sisa hasil usaha)" in html
    for word in ("Debit", "Kredit", "2-1200", "1-1310", "Tagihan iuran Iuran bulanan"):
        assert word not in html
    assert "Budi" not in html


def test_statement_filters_by_year(web_client, portal):
    client = web_client(portal.sari.user)

    this_year = client.get(f"/me/statement/?year={portal.today.year}")
    other_year = client.get("/me/statement/?year=2001")

    assert "Rp 40.000" in this_year.content.decode()
    assert "Belum ada mutasi" in other_year.content.decode()


def test_statement_pdf_is_the_members_statement(web_client, portal):
    response = web_client(portal.sari.user).get(
        f"/me/statement/pdf/?year={portal.today.year}"
    )

    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _pdf_text(response.content)
    assert portal.sari.number in text
    assert "Rp 40.000" in text
    assert portal.budi.number not in text


def test_receipts_page_lists_own_receipts_and_invoices(web_client, portal):
    html = web_client(portal.sari.user).get("/me/receipts/").content.decode()

    assert f"/me/receipts/{portal.sari_receipt}.pdf" in html
    assert f"/me/receipts/{portal.sari_invoice}.pdf" in html
    assert portal.budi_receipt not in html


def test_receipt_pdf_carries_its_number(web_client, portal):
    response = web_client(portal.sari.user).get(
        f"/me/receipts/{portal.sari_receipt}.pdf"
    )

    assert portal.sari_receipt in _pdf_text(response.content)


def test_cashbook_shows_money_in_and_no_member_data(web_client, portal):
    # cash received: 25.000 + 10.000 (bank) + 40.000 + 300.000 (invoice paid in cash)
    html = web_client(portal.sari.user).get("/cashbook/").content.decode()

    assert "Rp 375.000" in html
    assert "<svg" in html and "<title" in html
    for secret in (portal.sari.number, portal.budi.number, "Sari", "Budi"):
        assert secret not in html


def test_cashbook_ignores_a_bad_year_filter(web_client, portal):
    response = web_client(portal.sari.user).get("/cashbook/?year=abc")

    assert response.status_code == 200


def test_dashboard_shows_positions_collection_ageing_and_entries(
    web_client, treasurer, portal
):
    html = web_client(treasurer).get("/dashboard/").content.decode()

    # cash: 25.000 + 40.000 + 300.000; bank: 10.000
    assert "Rp 365.000" in html and "Rp 10.000" in html
    collection = html.split('aria-labelledby="collection-title')[1].split("</svg>")[0]
    assert collection.count('<rect class="bar"') == 38
    assert "Kota Surabaya" in html
    # ageing: Budi's Rp 15.000 of last month is overdue; this month's Rp 25.000 x 2
    # is not due yet
    assert "Umur tunggakan" in html and "Rp 65.000" in html
    assert "Jurnal terakhir" in html and "JU-" in html
