"""Dates as Indonesian documents write them: ``12 Maret 2026``.

Receipts, invoices and statements are printed in Bahasa Indonesia whatever the server's
locale, so the month names live here rather than in the C library's locale tables.
"""

from __future__ import annotations

import datetime as dt

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal(day: dt.date) -> str:
    """``12 Maret 2026``."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"
