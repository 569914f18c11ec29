"""Printed documents carry the letterhead, the amount in words, a total row and a
signature line (``estama.documents``)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from estama.documents import terbilang

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(content)).pages
    )


@pytest.fixture
def org(settings):
    settings.ESTAMA_ORG_NAME = "Koperasi Estama Jatim"
    settings.ESTAMA_ORG_ADDRESS = "Jl. Ketintang 1"
    settings.ESTAMA_ORG_CITY = "Surabaya"
    settings.ESTAMA_ORG_LEGAL_NUMBER = "AHU-0001234.AH.01.29.2026"
    settings.ESTAMA_ORG_TREASURER = "Dewi Lestari"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Nol rupiah"),
        (125000, "Seratus dua puluh lima ribu rupiah"),
        (
            Decimal("7097245"),
            "Tujuh juta sembilan puluh tujuh ribu dua ratus empat puluh lima rupiah",
        ),
        (-1500, "Minus seribu lima ratus rupiah"),
    ],
)
def test_terbilang(amount, words):
    assert terbilang(amount) == words


def test_member_receipt_has_letterhead_words_total_and_signature(org, portal):
    from members.models import Payment
    from members.receipts import receipt_pdf

    payment = Payment.objects.get(number=portal.sari_receipt)
    text = _text(receipt_pdf(payment=payment))

    assert "Koperasi Estama Jatim" in text and "AHU-0001234.AH.01.29.2026" in text
    assert "Jl. Ketintang 1, Surabaya" in text
    assert "Jumlah diterima Rp 25.000" in text
    assert "Terbilang: Dua puluh lima ribu rupiah" in text
    assert "Bendahara" in text and "( Dewi Lestari )" in text


def test_invoice_and_its_receipt_carry_the_same_parts(org, portal, treasurer):
    from sales.pdf import invoice_pdf, receipt_pdf
    from sales.services import (
        InvoiceLineInput,
        invoice_create,
        invoice_issue,
        item_create,
        payment_record,
    )

    item = item_create(
        sku="BIMTEK", name="Bimtek", kind="training", price=Decimal(300000)
    )
    invoice = invoice_issue(
        invoice=invoice_create(
            date=portal.today,
            lines=[InvoiceLineInput(item=item, quantity=1)],
            member=portal.budi,
            user=treasurer,
        ),
        user=treasurer,
    )
    payment = payment_record(
        invoice=invoice, amount=Decimal(100000), method="bank", date=portal.today
    )
    invoice_text = _text(invoice_pdf(invoice))
    receipt_text = _text(receipt_pdf(payment))

    for text in (invoice_text, receipt_text):
        assert "Koperasi Estama Jatim" in text and "AHU-0001234" in text
        assert "Terbilang" in text and "( Dewi Lestari )" in text
    assert f"Terbilang (total): {terbilang(invoice.total.amount)}" in invoice_text
    assert "Jumlah diterima Rp 100.000" in receipt_text
    assert "Terbilang: Seratus ribu rupiah" in receipt_text


def test_member_statement_pdf_has_letterhead_total_and_signature(
    org, web_client, portal
):
    response = web_client(portal.sari.user).get("/me/statement/pdf/")
    text = _text(response.content)

    assert "Koperasi Estama Jatim" in text and "Jumlah mutasi" in text
    assert "Sisa tagihan per akhir periode: Rp 25.000" in text
    assert "Terbilang: Dua puluh lima ribu rupiah" in text
    assert f"Surabaya, {dt.date.today().day}" in text
