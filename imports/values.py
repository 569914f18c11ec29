"""Reading cell values the way a treasurer writes them in Excel.

Amounts: ``1.000.000`` and ``1.000.000,00`` (Indonesian), ``1,000,000.00`` (English),
``Rp 1.500.000``, ``1500000``, ``(25.000)`` or ``-25.000`` for negatives, and the
numbers XLSX cells hold. The fraction must be zero: rupiah are whole.
Dates: ``2025-12-31``, ``31/12/2025``, ``31-12-2025``, ``31.12.2025``, ``31 Des 2025``,
``31 Desember 2025`` (day first, as Indonesians write it), and XLSX date cells.
Every parser raises ``ValueError`` with an Indonesian message; the reader attaches the
row and the column.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ledger import currency as cur

_THOUSANDS_DOT = re.compile(r"\d{1,3}(\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"\d{1,3}(,\d{3})+")
_DIGITS = re.compile(r"\d+")
_CURRENCY_PREFIX = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)

MONTHS = {
    "jan": 1,
    "januari": 1,
    "january": 1,
    "feb": 2,
    "februari": 2,
    "pebruari": 2,
    "february": 2,
    "mar": 3,
    "maret": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "agu": 8,
    "agt": 8,
    "agus": 8,
    "agustus": 8,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oct": 10,
    "oktober": 10,
    "october": 10,
    "nov": 11,
    "nop": 11,
    "november": 11,
    "nopember": 11,
    "des": 12,
    "dec": 12,
    "desember": 12,
    "december": 12,
}


def fold(text: object) -> str:
    """Case- and accent-insensitive form with single spaces: ``"  Kab.  Malang"``
    -> ``"kab. malang"``."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def header_key(text: object) -> str:
    """A header as a key: ``"Tanggal Bergabung"`` -> ``"tanggal_bergabung"``."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as text (XLSX numbers without a spurious ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def parse_amount(value: object) -> Decimal:
    """A whole-rupiah amount (negative allowed) from a cell."""
    if isinstance(value, bool):
        raise ValueError("bukan angka")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        # XLSX stores numbers as binary floats; repr gives the shortest exact text.
        number = Decimal(repr(value))
    elif isinstance(value, Decimal):
        number = value
    else:
        number = _parse_amount_text(str(value))
    if not number.is_finite() or abs(number) >= cur.MAX_AMOUNT:
        raise ValueError(f"jumlah tidak valid: {value!r}")
    if not cur.is_exact(number, cur.DEFAULT_CURRENCY):
        raise ValueError(f"jumlah harus rupiah bulat (tanpa sen): {value!r}")
    return number.quantize(Decimal(1))


def _parse_amount_text(raw: str) -> Decimal:
    text = raw.strip().replace("\u00a0", " ")
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.startswith("-"):
        negative, text = True, text[1:].strip()
    elif text.startswith("+"):
        text = text[1:].strip()
    text = _CURRENCY_PREFIX.sub("", text).replace(" ", "")
    if text.endswith("-"):  # "25.000-" as some ledgers print a negative
        negative, text = True, text[:-1]
    whole, fraction = _split_decimal(text, raw)
    if not _DIGITS.fullmatch(whole) or (fraction and not _DIGITS.fullmatch(fraction)):
        raise ValueError(f"bukan jumlah uang: {raw!r}")
    try:
        number = Decimal(f"{whole}.{fraction or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - the regexes rule it out
        raise ValueError(f"bukan jumlah uang: {raw!r}") from exc
    return -number if negative else number


def _split_decimal(text: str, raw: str) -> tuple[str, str]:
    """Separate whole and fraction, telling thousands marks from decimal marks."""
    if "." in text and "," in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        whole, _, fraction = text.rpartition(decimal_mark)
        if not re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})*", whole):
            raise ValueError(f"bukan jumlah uang: {raw!r}")
        return whole.replace(thousands, ""), fraction
    if "." in text:
        if _THOUSANDS_DOT.fullmatch(text):
            return text.replace(".", ""), ""
        whole, _, fraction = text.partition(".")
        return whole, fraction
    if "," in text:
        if _THOUSANDS_COMMA.fullmatch(text):
            return text.replace(",", ""), ""
        whole, _, fraction = text.partition(",")
        return whole, fraction
    return text, ""


def parse_date(value: object, *, year: int | None = None) -> dt.date:
    """A date from a cell; ``year`` completes ``dd/mm`` (bank exports omit it)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = fold(value)
    if not text:
        raise ValueError("tanggal kosong")
    try:
        return _parse_date_text(text, year)
    except ValueError as exc:
        raise ValueError(f"tanggal tidak valid: {value!r} ({exc})") from None


def _parse_date_text(text: str, year: int | None) -> dt.date:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?", text)
    if match:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: .*)?", text)
    if match:
        return dt.date(_year(match[3]), int(match[2]), int(match[1]))
    match = re.fullmatch(r"(\d{1,2})[ /.-]([a-z]+)[ /.-]?(\d{2}|\d{4})", text)
    if match and match[2] in MONTHS:
        return dt.date(_year(match[3]), MONTHS[match[2]], int(match[1]))
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})", text)
    if match and year is not None:
        return dt.date(year, int(match[2]), int(match[1]))
    raise ValueError("gunakan YYYY-MM-DD atau DD/MM/YYYY")


def _year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)
