"""A small year of books (2026) shared by the reports tests.

Amounts are whole rupiah of at least Rp 1.000.000 (so any locale formatting would show)
and descriptions carry quotes, semicolons, '=' and non-ASCII text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from ledger.chart import account_code as ac
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post

D = Decimal


def post(date, description, *lines, source=EntrySource.MANUAL):
    """``post(date, desc, ("1-1100", "D", 1000, member), ...)``."""
    inputs = []
    for row in lines:
        code, side, amount = row[:3]
        member = row[3] if len(row) > 3 else None
        key = "debit" if side == "D" else "credit"
        inputs.append(LineInput(account=code, member=member, **{key: D(amount)}))
    return entry_post(date=date, description=description, lines=inputs, source=source)


@dataclass
class Demo:
    m1: object
    m2: object
    m3: object
    year: int = 2026


def build_demo(make_member) -> Demo:
    m1 = make_member("Widya Lestari", number="JTM-00001")
    m2 = make_member("Budi Santoso", number="JTM-00002")
    m3 = make_member("Siti Aminah", number="JTM-00003")
    cash, bank = ac("cash"), ac("bank")
    d = dt.date
    post(
        d(2026, 1, 2),
        "Modal penyertaan awal",
        (bank, "D", 50_000_000),
        ("3-1300", "C", 50_000_000),
        source=EntrySource.OPENING,
    )
    for m in (m1, m2, m3):
        post(
            d(2026, 1, 5),
            f"Simpanan pokok {m.number}",
            (cash, "D", 1_000_000),
            (ac("pokok"), "C", 1_000_000, m),
            source=EntrySource.SHARES,
        )
    post(
        d(2026, 2, 10),
        "Simpanan wajib",
        (bank, "D", 3_000_000),
        (ac("wajib"), "C", 2_000_000, m1),
        (ac("wajib"), "C", 1_000_000, m2),
        source=EntrySource.DUES,
    )
    post(
        d(2026, 2, 15),
        "Beban langsung pelatihan",
        ("5-1200", "D", 3_000_000),
        (bank, "C", 3_000_000),
        source=EntrySource.PURCHASES,
    )
    post(
        d(2026, 3, 3),
        'Penjualan "kaos"; =SUM(A1) – anggota',
        (cash, "D", 5_550_000),
        (ac("sales_member"), "C", 5_000_000, m1),
        (ac("output_vat"), "C", 550_000),
        source=EntrySource.SALES,
    )
    post(
        d(2026, 4, 20),
        '=HYPERLINK("x") Bimtek "Pekerja Sosial"; Café Ñ',
        (bank, "D", 7_000_000),
        (ac("training_public"), "C", 7_000_000),
        source=EntrySource.SALES,
    )
    post(
        d(2026, 5, 8),
        "Pelatihan anggota; @anggota",
        (bank, "D", 3_000_000),
        (ac("training_member"), "C", 3_000_000, m2),
        source=EntrySource.SALES,
    )
    post(
        d(2026, 6, 30),
        "+Honor pengurus",
        ("6-1100", "D", 2_000_000),
        (cash, "C", 2_000_000),
        source=EntrySource.EXPENSES,
    )
    post(
        d(2026, 7, 1),
        "-Laptop kantor",
        ("1-2100", "D", 4_000_000),
        (bank, "C", 4_000_000),
        source=EntrySource.PURCHASES,
    )
    post(
        d(2026, 8, 9),
        "Retur penjualan anggota",
        (ac("sales_returns"), "D", 1_000_000, m1),
        (cash, "C", 1_000_000),
        source=EntrySource.SALES,
    )
    post(
        d(2026, 9, 1),
        "Simpanan sukarela",
        (cash, "D", 1_500_000),
        (ac("sukarela"), "C", 1_500_000, m3),
        source=EntrySource.SHARES,
    )
    post(
        d(2026, 10, 1),
        "Setor kas ke bank",
        (bank, "D", 1_000_000),
        (cash, "C", 1_000_000),
    )
    return Demo(m1, m2, m3)


#: Expected figures of the demo year.
RESULT_2026 = D(9_000_000)
CASH_END_2026 = D(3_000_000 + 5_550_000 - 2_000_000 - 1_000_000 + 1_500_000 - 1_000_000)
BANK_END_2026 = D(
    50_000_000 + 3_000_000 - 3_000_000 + 7_000_000 + 3_000_000 - 4_000_000 + 1_000_000
)


@pytest.fixture
def demo(db, make_member) -> Demo:
    return build_demo(make_member)
