"""Reading OFX statements (1.x SGML and 2.x XML) into plain lines.

OFX gives no running balance per transaction, only the ledger balance at the end
(``<LEDGERBAL>``); each line's balance is derived backwards from it, so lines seen in
two overlapping downloads still carry the same balance and are recognised. The bank's
``FITID`` is kept as the line's reference.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from bank.presets import ParsedLine
from imports.errors import ImportFileInvalid, Issue
from imports.reader import check_size, decode_text, formula_issue

_TXN = re.compile(
    r"<STMTTRN>(.*?)(?=</STMTTRN>|<STMTTRN>|</BANKTRANLIST>)", re.S | re.I
)
_LEDGER = re.compile(r"<LEDGERBAL>(.*?)(?:</LEDGERBAL>|$)", re.S | re.I)


def looks_like_ofx(data: bytes) -> bool:
    head = data[:2048].upper()
    return b"OFXHEADER" in head or b"<OFX>" in head


def _tag(block: str, name: str) -> str:
    match = re.search(rf"<{name}>([^<\r\n]*)", block, re.I)
    return match.group(1).strip() if match else ""


def _date(text: str) -> dt.date:
    return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))


def _amount(text: str) -> Decimal:
    value = Decimal(text.replace(",", "."))
    if not value.is_finite() or value != value.quantize(Decimal(1)):
        raise ValueError(text)
    return value.quantize(Decimal(1))


def parse_ofx(data: bytes, filename: str = "", mapping: dict | None = None):
    check_size(len(data))
    text = decode_text(data)
    issues: list[Issue] = []
    raw = []
    for index, match in enumerate(_TXN.finditer(text), start=1):
        block = match.group(1)
        name, memo = _tag(block, "NAME"), _tag(block, "MEMO")
        description = " ".join(part for part in (name, memo) if part)
        for column, value in (("NAME", name), ("MEMO", memo)):
            issue = formula_issue(value, index, column)
            if issue:
                issues.append(issue)
        try:
            date = _date(_tag(block, "DTPOSTED"))
        except (ValueError, IndexError):
            issues.append(Issue(index, "DTPOSTED", "tanggal tidak valid."))
            continue
        try:
            amount = _amount(_tag(block, "TRNAMT"))
        except (InvalidOperation, ValueError):
            issues.append(
                Issue(index, "TRNAMT", "jumlah tidak valid atau bukan rupiah bulat.")
            )
            continue
        if amount == 0:
            continue
        raw.append((index, date, description, amount, _tag(block, "FITID")))
    if issues:
        raise ImportFileInvalid(issues)
    if not raw:
        raise ImportFileInvalid([Issue(0, "", "tidak ada transaksi di berkas OFX.")])
    closing = None
    ledger = _LEDGER.search(text)
    if ledger:
        try:
            closing = _amount(_tag(ledger.group(1), "BALAMT"))
        except (InvalidOperation, ValueError):
            raise ImportFileInvalid(
                [Issue(0, "LEDGERBAL", "saldo akhir tidak valid.")]
            ) from None
    raw.sort(key=lambda item: (item[1], item[0]))
    balances: list[Decimal | None] = [None] * len(raw)
    if closing is not None:
        running = closing
        for position in range(len(raw) - 1, -1, -1):
            balances[position] = running
            running -= raw[position][3]
    return [
        ParsedLine(
            line_no=index,
            date=date,
            description=description[:255] or "(tanpa uraian)",
            amount=amount,
            balance=balances[position],
            reference=fitid[:64],
        )
        for position, (index, date, description, amount, fitid) in enumerate(raw)
    ]
