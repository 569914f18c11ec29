"""Matching bank lines to members and invoices, booking, ignoring, reconciling."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from bank.errors import InvalidMatch, LineNotOpen, NotReconciled
from bank.models import BankLine, LineStatus, ReconciliationMark
from bank.reconciliation import reconciliation, reconciliation_mark
from bank.services import line_book, line_ignore, line_match, rule_create
from bank.setup import virtual_account_create
from bank.statements import bank_account_get, statement_import
from imports.members import members_import
from imports.opening import opening_balances_import
from ledger.services import LineInput, entry_post
from members.models import Member, Payment
from members.selectors import member_credit, member_outstanding
from sales.models import Invoice, InvoiceStatus
from sales.services import InvoiceLineInput, invoice_create, invoice_issue, item_create
from tests.imports.conftest import SAMPLES, data_file

pytestmark = pytest.mark.django_db
JAN_END = dt.date(2026, 1, 31)


@pytest.fixture
def books():
    """The sample members, the sample opening balances, an issued invoice
    INV-2026-00001 of Rp 1.110.000 and Dewi's virtual account."""
    members_import(data=(SAMPLES / "anggota.csv").read_bytes(), filename="a.csv")
    opening_balances_import(
        data=(SAMPLES / "saldo_awal.csv").read_bytes(),
        filename="s.csv",
        date=dt.date(2025, 12, 31),
    )
    item = item_create(
        sku="BIMTEK-01",
        name="Bimtek pekerja sosial",
        kind="training",
        price=Decimal(1000000),
        tax_code="ppn",
    )
    invoice = invoice_create(
        date=dt.date(2026, 1, 6),
        lines=[InvoiceLineInput(item=item, quantity=1)],
        customer_name="PT Sinar Abadi",
    )
    invoice = invoice_issue(invoice=invoice)
    assert (invoice.number, invoice.total.amount) == ("INV-2026-00001", 1110000)
    members = {m.number: m for m in Member.objects.all()}
    virtual_account_create(member=members["JTM-00003"], number="8807700012345")
    return {"members": members, "invoice": invoice}


def _statement(**kwargs):
    statement_import(
        account="1-1200",
        data=data_file("mutasi_bca.csv"),
        filename="mutasi_bca.csv",
        preset="bca",
        **kwargs,
    )
    return {line.line_no: line for line in BankLine.objects.all()}


def _by_text(text: str) -> BankLine:
    return BankLine.objects.get(description__contains=text)


def test_suggestions_with_confidence_and_reason(books):
    _statement()
    agus = _by_text("JTM-00002")
    assert (agus.status, agus.suggested_member.number, agus.confidence) == (
        "suggested",
        "JTM-00002",
        100,
    )
    assert "nomor anggota JTM-00002" in agus.reason
    sri = _by_text("SRI WAHYUNI")
    assert (sri.suggested_member.number, sri.confidence) == ("JTM-00001", 50)
    assert "nama anggota" in sri.reason
    invoice = _by_text("INV-2026-00001")
    assert (invoice.suggested_invoice.number, invoice.confidence) == (
        "INV-2026-00001",
        100,
    )
    dewi = _by_text("8807700012345")
    assert (dewi.suggested_member.number, dewi.confidence) == ("JTM-00003", 90)
    assert "virtual account" in dewi.reason
    supplier = _by_text("PERCETAKAN")
    assert supplier.status == "unmatched" and supplier.suggested_member is None


def test_confirming_posts_the_payment_as_a_manual_one(books, verify):
    _statement()
    agus = books["members"]["JTM-00002"]
    line = line_match(line=_by_text("JTM-00002"))
    assert line.status == LineStatus.MATCHED
    payment = Payment.objects.get(member=agus)
    assert (payment.date, payment.amount.amount, payment.method) == (
        dt.date(2026, 1, 2),
        75000,
        "bank",
    )
    assert payment.number.startswith("KW-2026-")  # the receipt
    assert line.matches.get().entry == payment.entry
    assert member_outstanding(member=agus) == 0
    with pytest.raises(LineNotOpen):
        line_match(line=line)
    verify()


def test_confirming_an_invoice_payment(books, verify):
    _statement()
    line_match(line=_by_text("INV-2026-00001"))
    invoice = Invoice.objects.get(pk=books["invoice"].pk)
    assert invoice.status == InvoiceStatus.PAID
    assert invoice.payments.get().date == dt.date(2026, 1, 10)
    verify()


def test_correcting_and_splitting(books, verify):
    _statement()
    members = books["members"]
    dewi_line = _by_text("8807700012345")
    line_match(line=dewi_line, member=members["JTM-00001"])  # corrected
    assert Payment.objects.get(member=members["JTM-00001"]).amount.amount == 50000
    sri_line = _by_text("SRI WAHYUNI")
    with pytest.raises(InvalidMatch):
        line_match(
            line=sri_line,
            splits=[(members["JTM-00001"], Decimal(60000))],
        )
    line_match(
        line=sri_line,
        splits=[
            (members["JTM-00001"], Decimal(60000)),
            (members["JTM-00003"], Decimal(40000)),
        ],
    )
    assert sri_line.matches.count() == 2
    # Nothing was owed: it became each member's credit.
    assert member_credit(member=members["JTM-00003"]) == Decimal(40000 + 25000)
    verify()


def test_booking_and_ignoring(books, verify):
    _statement()
    line = line_book(line=_by_text("PERCETAKAN"), account="2-1100", memo="Bayar utang")
    entry = line.matches.get().entry
    assert {
        (ln.account.code, ln.side, ln.amount.amount) for ln in entry.lines.all()
    } == {
        ("1-1200", "C", 750000),
        ("2-1100", "D", 750000),
    }
    with pytest.raises(InvalidMatch):  # member money needs a member
        line_book(line=BankLine.objects.get(description="BUNGA"), account="2-1200")
    with pytest.raises(InvalidMatch):  # money out is not a member payment
        line_match(line=_by_text("BIAYA ADM"), member=books["members"]["JTM-00001"])
    with pytest.raises(InvalidMatch):  # no suggestion to confirm
        line_match(line=_by_text("BIAYA ADM"))
    ignored = line_ignore(line=_by_text("PAJAK BUNGA"), reason="dicatat bulan depan")
    assert ignored.status == "ignored" and ignored.note == "dicatat bulan depan"
    verify()


@override_settings(ESTAMA_BANK_AUTO_CONFIRM_EXACT=True)
def test_exact_matches_confirm_themselves_only_when_the_setting_says_so(books):
    _statement()
    assert _by_text("JTM-00002").status == LineStatus.MATCHED
    assert _by_text("INV-2026-00001").status == LineStatus.MATCHED
    assert _by_text("SRI WAHYUNI").status == LineStatus.SUGGESTED  # not exact


def test_exact_matches_wait_by_default(books):
    _statement()
    assert not BankLine.objects.filter(status=LineStatus.MATCHED).exists()


def test_reconciliation_explains_the_difference_line_by_line(books, verify):
    _statement()
    bank_account = bank_account_get("1-1200")
    report = reconciliation(bank_account=bank_account, as_of=JAN_END)
    assert report.statement_balance == Decimal(19328000)
    assert report.ledger_balance == Decimal(18750000)
    assert report.difference == Decimal(578000)
    assert [item.kind for item in report.items] == ["bank_line"] * 8
    assert report.unexplained == 0
    with pytest.raises(NotReconciled):
        reconciliation_mark(bank_account=bank_account, year=2026, month=1)
    # A receipt keyed by hand that the bank has not shown: a ledger line to explain.
    entry_post(
        date=dt.date(2026, 1, 30),
        description="Setoran tunai belum masuk rekening",
        lines=[
            LineInput(account="1-1200", debit=200000),
            LineInput(account="4-9100", credit=200000),
        ],
    )
    report = reconciliation(bank_account=bank_account, as_of=JAN_END)
    assert report.items[-1].kind == "ledger_line"
    assert report.items[-1].amount == Decimal(-200000)
    assert report.unexplained == 0
    verify()


def test_a_month_is_marked_reconciled_only_at_zero_difference(books, verify):
    _statement()
    members = books["members"]
    rule_create(name="adm", pattern="BIAYA ADM", account="6-1400")
    line_match(line=_by_text("JTM-00002"))
    line_match(line=_by_text("INV-2026-00001"))
    line_match(line=_by_text("SRI WAHYUNI"))
    line_match(line=_by_text("8807700012345"), member=members["JTM-00003"])
    line_book(line=_by_text("PERCETAKAN"), account="2-1100")
    line_book(line=_by_text("BIAYA ADM"), account="6-1400")
    line_book(line=BankLine.objects.get(description="BUNGA"), account="4-9100")
    bank_account = bank_account_get("1-1200")
    line_ignore(line=_by_text("PAJAK BUNGA"))
    with pytest.raises(NotReconciled, match="selisih -2500"):
        reconciliation_mark(bank_account=bank_account, year=2026, month=1)
    # The ignored tax line is booked by hand after all: the books now agree.
    entry_post(
        date=JAN_END,
        description="Pajak bunga Januari",
        lines=[
            LineInput(account="6-9100", debit=2500),
            LineInput(account="1-1200", credit=2500),
        ],
    )
    report = reconciliation(bank_account=bank_account, as_of=JAN_END)
    assert report.difference == 0
    mark = reconciliation_mark(bank_account=bank_account, year=2026, month=1, user=None)
    assert mark.statement_balance.amount == Decimal(19328000)
    assert ReconciliationMark.objects.count() == 1
    assert reconciliation_mark(bank_account=bank_account, year=2026, month=1) == mark
    with pytest.raises(NotReconciled):  # before the first statement: no balance
        reconciliation_mark(bank_account=bank_account, year=2025, month=11)
    verify()


def test_payments_can_only_be_matched_on_the_bank_role_account(books):
    from ledger.models import Account

    Account.objects.create(
        code="1-1210",
        name="Bank BRI",
        type="asset",
        parent=Account.objects.get(code="1-1"),
        currency="IDR",
    )
    statement_import(
        account="1-1210",
        data=data_file("mutasi_bri.xlsx"),
        filename="bri.xlsx",
        preset="bri",
    )
    line = BankLine.objects.get(description__contains="JTM-00002")
    with pytest.raises(InvalidMatch, match="1-1200"):
        line_match(line=line)
    booked = line_book(line=line, account="4-9100")
    assert booked.status == LineStatus.BOOKED
