"""Sales services: VAT, stock at moving average, invoices, payments, voids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from ledger.errors import InvalidAmount, PeriodLocked
from ledger.models import Account, JournalLine
from ledger.selectors import trial_balance
from ledger.services import period_lock
from sales import selectors
from sales.errors import (
    InsufficientStock,
    InvalidDiscount,
    InvoiceHasPayments,
    Overpayment,
    SeatsSoldOut,
)
from sales.models import InvoiceStatus
from sales.services import (
    InvoiceLineInput,
    PurchaseLineInput,
    invoice_create,
    invoice_issue,
    invoice_void,
    item_create,
    line_tax,
    payment_record,
    purchase_record,
)

D = Decimal
DAY = dt.date(2026, 3, 10)


def balances() -> dict[str, Decimal]:
    tb = trial_balance(as_of=dt.date(2026, 12, 31))
    return {row.account.code: row.debit - row.credit for row in tb.rows}


@pytest.mark.parametrize(
    ("base", "code", "tax"),
    [
        (D(1_000_000), "ppn", D(110_000)),
        (D(1_000_000), "ppn_luxury", D(120_000)),
        (D(1_000_000), "none", D(0)),
        (D(50), "ppn", D(6)),  # 5.5 rounds half up
        (D(150), "ppn", D(17)),  # 16.5 rounds half up
        (D(149), "ppn", D(16)),  # 16.39
        (D(25), "ppn_luxury", D(3)),  # 3.0
        (D(4), "ppn_luxury", D(0)),  # 0.48
    ],
)
def test_line_tax_is_whole_rupiah_half_up(base, code, tax):
    assert line_tax(base=base, tax_code=code) == tax


@override_settings(ESTAMA_ROUNDING="down")
def test_line_tax_rounds_down_when_configured():
    assert line_tax(base=D(50), tax_code="ppn") == D(5)


def goods(sku="KAOS", price=100_000, tax_code="ppn"):
    return item_create(
        sku=sku, name="Kaos IPSPI", kind="goods", price=D(price), tax_code=tax_code
    )


@pytest.mark.django_db
def test_moving_average_cost_and_last_unit_takes_remaining_value(treasurer):
    # given 3 units at 10,000 and then 2 at 10,001: value 50,002 for 5 units
    item = goods()
    purchase_record(
        supplier="CV Sablon",
        date=DAY,
        paid_from="cash",
        lines=[PurchaseLineInput(item="KAOS", quantity=3, unit_cost=D(10_000))],
    )
    purchase_record(
        supplier="CV Sablon",
        date=DAY,
        paid_from="credit",
        lines=[PurchaseLineInput(item="KAOS", quantity=2, unit_cost=D(10_001))],
    )
    item.refresh_from_db()
    assert (item.stock_qty, item.stock_value) == (5, D(50_002))
    assert item.average_cost == D("10000.4")
    # when selling 1, then 1, then the last 3
    cogs = []
    for qty in (1, 1, 3):
        inv = invoice_create(
            date=DAY,
            customer_name="Umum",
            lines=[InvoiceLineInput(item="KAOS", quantity=qty)],
        )
        inv = invoice_issue(invoice=inv, user=treasurer)
        cogs.append(inv.lines.get().cogs.amount)
    # then each sale costs its rounded share and the last takes what remains
    assert cogs == [D(10_000), D(10_001), D(30_001)]
    item.refresh_from_db()
    assert (item.stock_qty, item.stock_value) == (0, D(0))
    assert balances().get("1-1400", D(0)) == 0
    assert selectors.stock_valuation() == selectors.inventory_balance() == 0


@pytest.mark.django_db
def test_issue_posts_member_revenue_vat_and_cogs_with_member_on_every_line(
    treasurer, make_member
):
    member = make_member("Siti")
    goods()
    purchase_record(
        supplier="CV Sablon",
        date=DAY,
        paid_from="bank",
        lines=[PurchaseLineInput(item="KAOS", quantity=10, unit_cost=D(40_000))],
    )
    inv = invoice_create(
        date=DAY,
        member=member,
        lines=[
            InvoiceLineInput(item="KAOS", quantity=2, discount=D(10_000)),
        ],
    )
    inv = invoice_issue(invoice=inv, user=treasurer)
    # base 190,000; VAT 20,900; total 210,900
    assert inv.number == "INV-2026-00001"
    assert inv.total.amount == D(210_900)
    lines = list(JournalLine.objects.filter(entry=inv.entry).select_related("account"))
    assert all(line.member_id == member.pk for line in lines)
    b = balances()
    assert b["1-1300"] == D(210_900)
    # gross revenue 200,000 and the discount on 4-1900 (net 190,000)
    assert b["4-1100"] == D(-200_000)
    assert b["4-1900"] == D(10_000)
    assert b["2-1600"] == D(-20_900)
    assert b["5-1100"] == D(80_000)
    assert b["1-1400"] == D(320_000) == selectors.stock_valuation()
    assert selectors.member_purchases(year=2026) == {member.pk: D(190_000)}
    assert selectors.member_purchases_for(member=member, year=2026) == D(190_000)


@pytest.mark.django_db
def test_stock_refused_unless_negative_allowed(treasurer):
    goods()
    inv = invoice_create(
        date=DAY,
        customer_name="Umum",
        lines=[InvoiceLineInput(item="KAOS", quantity=1)],
    )
    with pytest.raises(InsufficientStock):
        invoice_issue(invoice=inv, user=treasurer)
    inv.refresh_from_db()
    assert inv.status == InvoiceStatus.DRAFT and inv.number is None
    with override_settings(ESTAMA_ALLOW_NEGATIVE_STOCK=True):
        invoice_issue(invoice=inv, user=treasurer)
    inv.refresh_from_db()
    assert inv.status == InvoiceStatus.ISSUED


@pytest.mark.django_db
def test_seats_cannot_be_oversold(treasurer):
    item_create(
        sku="BIMTEK-1",
        name="Bimtek",
        kind="training",
        price=D(500_000),
        seats=2,
        event_date=dt.date(2026, 4, 1),
    )
    inv = invoice_create(
        date=DAY,
        customer_name="A",
        lines=[InvoiceLineInput(item="BIMTEK-1", quantity=2)],
    )
    invoice_issue(invoice=inv, user=treasurer)
    inv2 = invoice_create(
        date=DAY,
        customer_name="B",
        lines=[InvoiceLineInput(item="BIMTEK-1", quantity=1)],
    )
    with pytest.raises(SeatsSoldOut):
        invoice_issue(invoice=inv2, user=treasurer)
    invoice_void(invoice=inv, reason="salah", user=treasurer)
    invoice_issue(invoice=inv2, user=treasurer)
    from sales.models import Item

    assert Item.objects.get(sku="BIMTEK-1").seats_sold == 1


@pytest.mark.django_db
def test_payments_partial_then_full_and_overpayment_refused(treasurer):
    item_create(
        sku="KONS",
        name="Konsultasi",
        kind="consulting",
        price=D(1_000_000),
        tax_code="ppn",
    )
    inv = invoice_issue(
        invoice=invoice_create(
            date=DAY,
            customer_name="Dinsos",
            lines=[InvoiceLineInput(item="KONS", quantity=1)],
        ),
        user=treasurer,
    )
    p1 = payment_record(
        invoice=inv, amount=D(500_000), method="cash", date=DAY, user=treasurer
    )
    assert p1.receipt_number == "KWJ-2026-00001"
    inv.refresh_from_db()
    assert inv.status == InvoiceStatus.PARTIALLY_PAID
    with pytest.raises(Overpayment):
        payment_record(invoice=inv, amount=D(610_001), method="bank", date=DAY)
    with pytest.raises(InvoiceHasPayments):
        invoice_void(invoice=inv, user=treasurer)
    with pytest.raises(InvalidAmount):
        payment_record(invoice=inv, amount=D("0.5"), method="bank", date=DAY)
    p2 = payment_record(invoice=inv, amount=D(610_000), method="bank", date=DAY)
    assert p2.receipt_number == "KWJ-2026-00002"
    inv.refresh_from_db()
    assert inv.status == InvoiceStatus.PAID
    b = balances()
    assert "1-1300" not in b
    assert b["1-1100"] == D(500_000) and b["1-1200"] == D(610_000)
    assert b["4-1310"] == D(-1_000_000)


@pytest.mark.django_db
def test_discount_over_line_refused():
    goods()
    with pytest.raises(InvalidDiscount):
        invoice_create(
            date=DAY,
            customer_name="X",
            lines=[InvoiceLineInput(item="KAOS", quantity=1, discount=D(100_001))],
        )


@pytest.mark.django_db
def test_issue_into_locked_period_gives_the_number_back(treasurer):
    item_create(sku="KONS", name="Konsultasi", kind="consulting", price=D(1_000))
    period_lock(year=2026, month=3)
    inv = invoice_create(
        date=DAY, customer_name="X", lines=[InvoiceLineInput(item="KONS", quantity=1)]
    )
    with pytest.raises(PeriodLocked):
        invoice_issue(invoice=inv, user=treasurer)
    later = invoice_create(
        date=dt.date(2026, 4, 1),
        customer_name="X",
        lines=[InvoiceLineInput(item="KONS", quantity=1)],
    )
    assert invoice_issue(invoice=later, user=treasurer).number == "INV-2026-00001"
    assert Account.objects.filter(code="1-1300").exists()
