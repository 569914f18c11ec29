"""Ledger exports with hostile text: every description, memo, member number and
account name must still give files that bean-check and ``hledger check --strict``
accept, whose totals equal the trial balance, and CSV/XLSX cells that no spreadsheet
runs as a formula."""

import csv
import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ledger.chart import account_code as ac
from ledger.models import Account, AccountType, EntrySource
from ledger.selectors import trial_balance
from ledger.services import LineInput, entry_post
from tests.reports.fixtures import post
from tests.reports.test_exports import _export, _tool

pytestmark = pytest.mark.django_db
D = Decimal
END = dt.date(2026, 12, 31)

HOSTILE = [
    'Kutip "ganda" dan \\ garis miring',
    "Titik; koma; dan # pagar",
    "#tag di awal",
    ";titik koma di awal",
    "Baris\nbaru\r\ndan\ttab",
    "Non-ASCII: Café Ñ – ü 日本語 🚀",
    "x" * 255,
    "(kurung) [siku] {kurawal} | pipa",
    "  spasi  ganda  ",
    "=1+1",
    "* bintang ! seru",
    "2026-01-01 tanggal di depan",
    "'kutip tunggal'",
    "%persen ^caret ~tilde `backtick`",
    "a\u00a0nbsp\u2028sep\x0bvt",
]


def _hostile_books(make_member):
    odd = Account.objects.create(
        code="6-1999",
        name='=Beban "aneh"; #1: ê',
        type=AccountType.EXPENSE,
        parent=Account.objects.get(code="6-1100").parent,
    )
    other = Account.objects.create(
        code="6-1998",
        name="日本",
        type=AccountType.EXPENSE,
        parent=odd.parent,
    )
    member = make_member("Anggota; #aneh", number="=A;B #1")
    for index, text in enumerate(HOSTILE):
        post(
            dt.date(2026, 1 + index % 12, 1 + index),
            text,
            (odd.code if index % 2 else other.code, "D", 1_000_000 + index),
            (ac("sales_member"), "C", 1_000_000 + index, member),
        )
    post_memo = LineInput(
        account=odd.code, debit=D(5_000_000), memo="\n=HYPERLINK(1)\x0bmemo"
    )
    entry_post(
        date=dt.date(2026, 12, 1),
        description="Memo berbahaya",
        lines=[post_memo, LineInput(account=ac("cash"), credit=D(5_000_000))],
        source=EntrySource.MANUAL,
    )
    return member


def _tb():
    return {r.account.code: r.balance for r in trial_balance(as_of=END).rows}


def test_hledger_strict_accepts_hostile_text(make_member, tmp_path):
    hledger = shutil.which("hledger")
    if hledger is None:
        pytest.skip("hledger missing: apt-get install hledger")
    _hostile_books(make_member)
    path, manifest = _export(tmp_path, "hledger")
    check = subprocess.run(
        [hledger, "check", "--strict", "-f", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    balance = subprocess.run(
        [hledger, "balance", "-f", str(path), "--flat", "--no-total", "-O", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    by_name = {v["hledger"]: c for c, v in manifest["account_mapping"].items()}
    totals = {}
    for row in list(csv.reader(balance.stdout.splitlines()))[1:]:
        totals[by_name[row[0]]] = D(row[1].split()[0])
    assert {c: v for c, v in totals.items() if v} == _tb()
    register = subprocess.run(
        [hledger, "print", "-f", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert register.stdout.count("\n\n") >= len(HOSTILE)


def test_bean_check_accepts_hostile_text(make_member, tmp_path):
    bean_check = _tool("bean-check")
    if bean_check is None:
        pytest.skip("bean-check missing: pip install -r requirements-dev.txt")
    _hostile_books(make_member)
    path, manifest = _export(tmp_path, "beancount")
    result = subprocess.run(
        [bean_check, str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    from beancount import loader
    from beancount.core import data

    entries, errors, _ = loader.load_file(str(path))
    assert not errors
    by_name = {v["beancount"]: c for c, v in manifest["account_mapping"].items()}
    totals = {}
    for entry in entries:
        if isinstance(entry, data.Transaction):
            for p in entry.postings:
                code = by_name[p.account]
                totals[code] = totals.get(code, D(0)) + p.units.number
    assert {c: v for c, v in totals.items() if v} == _tb()
    narrations = [e.narration for e in entries if isinstance(e, data.Transaction)]
    assert 'Kutip "ganda" dan \\ garis miring' in narrations


def test_csv_and_xlsx_neutralise_every_text_cell(make_member, tmp_path):
    _hostile_books(make_member)
    path, _ = _export(tmp_path, "csv")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    danger = ("=", "+", "-", "@", "\t", "\r", "\n")
    header = rows[0]
    numeric = {header.index("debit"), header.index("credit")}
    for row in rows[1:]:
        for index, cell in enumerate(row):
            if index not in numeric:
                assert not cell.startswith(danger), (header[index], cell)
    xpath, _ = _export(tmp_path, "xlsx")
    sheet = load_workbook(xpath).active
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str):
                assert not cell.value.startswith(danger), cell.value


def test_statement_xlsx_survives_control_characters(make_member, treasurer_client):
    _hostile_books(make_member)
    Account.objects.filter(code="6-1998").update(name="\x0b=Beban\x01 kontrol")
    response = treasurer_client.get(
        "/api/v1/reports/income-statement/",
        {"start": "2026-01-01", "end": "2026-12-31", "format": "xlsx"},
    )
    assert response.status_code == 200
    import io

    sheet = load_workbook(io.BytesIO(response.content)).active
    labels = [row[0].value for row in sheet.iter_rows(min_row=5)]
    assert "6-1998 =Beban kontrol" in labels
    assert "Jumlah pendapatan usaha dari anggota" in labels
    assert not [t for t in labels if t and t.startswith("subtotal:")], labels
