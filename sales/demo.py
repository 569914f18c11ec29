"""Demo data for sales: a small catalog, stock purchases, a year of invoices to
members and the public with payments, a voided mistake and everyday expenses.

Everything goes through the sales services, so the books it leaves behind obey every
rule (balanced entries, stock valuation = Persediaan, member revenue carries the
member). Deterministic for a given ``rng`` seed and database state.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from members.demo import YEAR as DEMO_YEAR
from members.demo import DemoContext, register_demo_step
from members.models import Member
from sales.models import Invoice, InvoiceStatus, Item, ItemKind
from sales.services import (
    InvoiceLineInput,
    PurchaseLineInput,
    expense_record,
    invoice_create,
    invoice_issue,
    invoice_void,
    item_create,
    payment_record,
    purchase_pay,
    purchase_record,
)

D = Decimal

PUBLIC_CUSTOMERS = [
    "Dinas Sosial Kota Surabaya",
    "Dinas Sosial Kabupaten Malang",
    "Dinas Sosial Kabupaten Jember",
    "LKS Bina Insani Sidoarjo",
    "Yayasan Peduli Anak Kediri",
    "Panti Werdha Kasih Ibu Madiun",
    "Universitas Muhammadiyah Malang",
    "Pembeli umum",
]


def _catalog(year: int, user) -> dict[str, Item]:
    specs = [
        {
            "sku": f"BIMTEK-PSP-{year}",
            "name": "Bimtek Pekerja Sosial Profesional",
            "kind": ItemKind.TRAINING,
            "price": D(1_500_000),
            "tax_code": "ppn",
            "unit": "peserta",
            "event_date": dt.date(year, 5, 20),
            "seats": 40,
        },
        {
            "sku": f"WS-CM-{year}",
            "name": "Workshop Manajemen Kasus",
            "kind": ItemKind.TRAINING,
            "price": D(450_000),
            "tax_code": "none",
            "unit": "peserta",
            "event_date": dt.date(year, 8, 15),
            "seats": 60,
        },
        {
            "sku": "KONS-AKR-LKS",
            "name": "Paket Konsultasi Akreditasi LKS",
            "kind": ItemKind.CONSULTING,
            "price": D(5_000_000),
            "tax_code": "ppn",
            "unit": "paket",
        },
        {
            "sku": "KAOS-IPSPI",
            "name": "Kaos IPSPI Jawa Timur",
            "kind": ItemKind.GOODS,
            "price": D(125_000),
            "tax_code": "ppn",
        },
        {
            "sku": "MUG-IPSPI",
            "name": "Mug IPSPI",
            "kind": ItemKind.GOODS,
            "price": D(45_000),
            "tax_code": "ppn",
        },
        {
            "sku": "BUKU-KODE-ETIK",
            "name": "Buku Kode Etik Pekerja Sosial",
            "kind": ItemKind.GOODS,
            "price": D(85_000),
            "tax_code": "none",
            "unit": "buku",
        },
    ]
    items = {}
    for spec in specs:
        existing = Item.objects.filter(sku=spec["sku"]).first()
        items[spec["sku"]] = existing or item_create(**spec, user=user)
    return items


def _stock(year: int, user) -> None:
    first = dt.date(year, 1, 6)
    kaos = purchase_record(
        supplier="Konveksi Sinar Surabaya",
        date=first,
        paid_from="credit",
        lines=[PurchaseLineInput(item="KAOS-IPSPI", quantity=60, unit_cost=D(65_000))],
        user=user,
    )
    purchase_pay(purchase=kaos, paid_from="bank", date=dt.date(year, 2, 5), user=user)
    purchase_record(
        supplier="UD Keramik Dinoyo",
        date=first,
        paid_from="cash",
        lines=[PurchaseLineInput(item="MUG-IPSPI", quantity=80, unit_cost=D(18_500))],
        user=user,
    )
    purchase_record(
        supplier="Percetakan Airlangga",
        date=first,
        paid_from="bank",
        lines=[
            PurchaseLineInput(item="BUKU-KODE-ETIK", quantity=50, unit_cost=D(40_000))
        ],
        user=user,
    )
    # a restock mid-year at a higher cost moves the moving average
    purchase_record(
        supplier="Konveksi Sinar Surabaya",
        date=dt.date(year, 6, 10),
        paid_from="credit",
        lines=[PurchaseLineInput(item="KAOS-IPSPI", quantity=40, unit_cost=D(68_500))],
        user=user,
    )


def _lines_for(rng: random.Random, items: dict[str, Item], date: dt.date, is_member):
    lines = []
    choices = list(items.values())
    rng.shuffle(choices)
    for item in choices[: rng.choice((1, 1, 2))]:
        item.refresh_from_db()
        if item.kind == ItemKind.TRAINING:
            if date > item.event_date:
                continue
            qty = 1 if is_member else rng.randint(1, 4)
            if item.seats_left < qty:
                continue
        elif item.kind == ItemKind.GOODS:
            qty = rng.randint(1, 3) if is_member else rng.randint(1, 10)
            if item.stock_qty < qty:
                continue
        else:
            qty = 1
        discount = D(0)
        if is_member and item.kind != ItemKind.GOODS and rng.random() < 0.3:
            discount = (item.price.amount * qty * D("0.10")).quantize(D(1))
        lines.append(InvoiceLineInput(item=item, quantity=qty, discount=discount))
    return lines


def demo_sales(
    *, rng: random.Random, user, year: int, until: dt.date | None = None
) -> dict[str, int]:
    """Create the demo catalog, stock and a year of sales for ``year``.

    Args:
        rng: the random source (seed it for a reproducible demo).
        user: who records it all (audited).
        year: the fiscal year to fill.
        until: the last day to book anything on (default 31 December; seed_demo
            passes today so nothing is dated in the future).

    Returns:
        Counts: ``items``, ``invoices`` (issued), ``voided``, ``payments``.
    """
    items = _catalog(year, user)
    _stock(year, user)
    members = list(Member.objects.filter(status="active").order_by("pk")[:200])
    count = rng.randint(30, 60)
    last = min(until or dt.date(year, 12, 31), dt.date(year, 12, 31))
    span = max((last - dt.date(year, 1, 10)).days - 5, 0)
    dates = sorted(
        dt.date(year, 1, 10) + dt.timedelta(days=rng.randint(0, span))
        for _ in range(count)
    )
    issued = voided = payments = 0
    for index, date in enumerate(dates):
        member = rng.choice(members) if members and rng.random() < 0.7 else None
        lines = _lines_for(rng, items, date, member is not None)
        if not lines:
            continue
        invoice = invoice_create(
            date=date,
            member=member,
            customer_name="" if member else rng.choice(PUBLIC_CUSTOMERS),
            lines=lines,
            user=user,
        )
        cash_sale = rng.random() < 0.25
        invoice = invoice_issue(
            invoice=invoice,
            paid_from=rng.choice(("cash", "bank")) if cash_sale else "",
            user=user,
        )
        issued += 1
        if cash_sale:
            continue
        if index in (5, count // 2):  # a mistaken invoice, voided the same day
            invoice_void(invoice=invoice, reason="Salah input", date=date, user=user)
            voided += 1
            continue
        roll = rng.random()
        pay_date = min(date + dt.timedelta(days=rng.randint(0, 30)), last)
        method = rng.choice(("cash", "bank", "bank"))
        if roll < 0.6:
            amount = invoice.total.amount
        elif roll < 0.8:
            amount = (invoice.total.amount / 2).quantize(D(1))
        else:
            continue
        payment_record(
            invoice=invoice, amount=amount, method=method, date=pay_date, user=user
        )
        payments += 1
    for month in range(1, 13):
        if dt.date(year, month, 28) > last:
            break
        expense_record(
            date=dt.date(year, month, 28),
            account="6-1400",
            amount=D(15_000),
            paid_from="bank",
            description=f"Biaya administrasi bank {month:02d}/{year}",
            user=user,
        )
    for item in items.values():
        if item.kind == ItemKind.TRAINING and item.event_date <= last:
            expense_record(
                date=item.event_date,
                account="5-1200",
                amount=D(rng.randint(30, 60) * 100_000),
                paid_from="bank",
                description=f"Konsumsi, ruang dan narasumber {item.name}",
                user=user,
            )
    return {
        "items": len(items),
        "invoices": issued,
        "voided": voided,
        "payments": payments,
        "open_invoices": Invoice.objects.filter(
            status__in=(InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID)
        ).count(),
    }


@register_demo_step
def sales_step(ctx: DemoContext) -> None:
    """seed_demo's sales step: runs after the members steps (apps load in order)."""
    counts = demo_sales(
        rng=ctx.rng, user=ctx.data.get("treasurer"), year=DEMO_YEAR, until=ctx.today
    )
    ctx.write(
        "sales: {items} items, {invoices} invoices ({voided} voided), "
        "{payments} payments".format(**counts)
    )
