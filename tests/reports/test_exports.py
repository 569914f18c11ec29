"""Ledger exports: CSV, XLSX, Beancount, hledger and the manifest."""

import csv
import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from ledger.integrity import ledger_verify
from ledger.selectors import posted_lines, trial_balance
from reports.exports.general_ledger import neutralise

pytestmark = pytest.mark.django_db
D = Decimal
END = dt.date(2026, 12, 31)
SPRING = dt.date(2026, 3, 1)


def _export(tmp_path, fmt, start=None, end=END, name=None):
    path = tmp_path / (name or f"ledger.{fmt}")
    args = ["export_ledger", "--format", fmt, "--output", str(path), "--end", str(end)]
    if start:
        args += ["--start", str(start)]
    call_command(*args)
    manifest = json.loads(Path(f"{path}.manifest.json").read_text(encoding="utf-8"))
    return path, manifest


def _trial_balance():
    return {row.account.code: row.balance for row in trial_balance(as_of=END).rows}


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+62", "'+62"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("\0x", "'\0x"),
        ("Kas", "Kas"),
        ("", ""),
    ],
)
def test_neutralise(text, expected):
    assert neutralise(text) == expected


def test_csv_has_every_line_plain_amounts_and_no_formulas(demo, tmp_path):
    path, manifest = _export(tmp_path, "csv")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == posted_lines().count()
    sale = next(r for r in rows if r["debit"] == "5550000")
    assert sale["description"] == 'Penjualan "kaos"; =SUM(A1) – anggota'
    training = next(r for r in rows if r["account_code"] == "4-1210")
    assert training["description"].startswith("'=HYPERLINK")
    assert training["credit"] == "7000000" and training["debit"] == ""
    assert "Café Ñ" in training["description"]
    honor = next(r for r in rows if r["account_code"] == "6-1100")
    assert honor["description"] == "'+Honor pengurus"
    member_row = next(r for r in rows if r["account_code"] == "4-1100")
    assert member_row["member_number"] == "JTM-00001"
    assert all(len(r["entry_hash"]) == 64 for r in rows)
    assert manifest["entry_count"] == len({r["entry_number"] for r in rows})


def test_xlsx_amounts_are_numbers_and_text_is_neutralised(demo, tmp_path):
    path, _ = _export(tmp_path, "xlsx")
    sheet = load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[0] == "entry_number"
    assert len(body) == posted_lines().count()
    debit = header.index("debit")
    description = header.index("description")
    sale = next(r for r in body if r[debit] == 5550000)
    assert isinstance(sale[debit], int | float)
    assert all(not str(r[description]).startswith(("=", "+", "-", "@")) for r in body)


def test_manifest_matches_verify_and_trial_balance(demo, tmp_path):
    _, manifest = _export(tmp_path, "csv")
    report = ledger_verify()
    assert manifest["head_hash"] == report.head_hash
    assert manifest["entry_count"] == report.entry_count
    assert manifest["first_number"] == "JU-2026-000001"
    assert manifest["last_number"] == report.last_number
    balances = {a["code"]: D(a["balance"]) for a in manifest["accounts"]}
    assert {c: b for c, b in balances.items() if b} == _trial_balance()
    assert manifest["total_debit"] == manifest["total_credit"]
    assert manifest["account_mapping"]["1-1100"]["beancount"] == "Assets:Kas-1-1100"
    # a range after the start carries opening balances
    _, spring = _export(tmp_path, "csv", start=SPRING, name="spring.csv")
    kas = next(a for a in spring["accounts"] if a["code"] == "1-1100")
    assert kas["opening_balance"] == "3000000"
    assert spring["first_number"] != "JU-2026-000001"
    assert spring["head_hash"] == report.head_hash


def _bean_totals(path) -> dict[str, Decimal]:
    from beancount import loader
    from beancount.core import data

    entries, errors, _ = loader.load_file(str(path))
    assert not errors, errors
    totals: dict[str, Decimal] = {}
    for entry in entries:
        if isinstance(entry, data.Transaction):
            for posting in entry.postings:
                totals[posting.account] = (
                    totals.get(posting.account, D(0)) + posting.units.number
                )
    return {name: value for name, value in totals.items() if value}


@pytest.mark.parametrize("start", [None, SPRING])
def test_beancount_export_passes_bean_check_and_matches(demo, tmp_path, start):
    bean_check = _tool("bean-check")
    if bean_check is None:
        pytest.skip("bean-check missing: pip install -r requirements-dev.txt")
    path, manifest = _export(tmp_path, "beancount", start=start)
    text = path.read_text(encoding="utf-8")
    assert "5550000 IDR" in text and "5.550.000" not in text
    result = subprocess.run(
        [bean_check, str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    by_name = {v["beancount"]: code for code, v in manifest["account_mapping"].items()}
    totals = {by_name[name]: value for name, value in _bean_totals(path).items()}
    assert totals == _trial_balance()


@pytest.mark.parametrize("start", [None, SPRING])
def test_hledger_export_passes_strict_check_and_matches(demo, tmp_path, start):
    hledger = shutil.which("hledger")
    if hledger is None:
        pytest.skip("hledger missing: apt-get install hledger")
    path, manifest = _export(tmp_path, "hledger", start=start)
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
    by_name = {v["hledger"]: code for code, v in manifest["account_mapping"].items()}
    totals = {}
    for row in list(csv.reader(balance.stdout.splitlines()))[1:]:
        amount, commodity = row[1].split()
        assert commodity == "IDR"
        totals[by_name[row[0]]] = D(amount)
    assert {c: v for c, v in totals.items() if v} == _trial_balance()


def test_export_command_refuses_bad_input(db, tmp_path):
    from django.core.management.base import CommandError

    out = str(tmp_path / "x.csv")
    with pytest.raises(CommandError, match="Not a date"):
        call_command("export_ledger", "--format", "csv", "--output", out, "--end", "x")
    with pytest.raises(CommandError, match="after"):
        call_command(
            "export_ledger",
            "--format",
            "csv",
            "--output",
            out,
            "--start",
            "2026-02-01",
            "--end",
            "2026-01-01",
        )


@pytest.mark.parametrize("start", ["0001-01-01", "1900-01-01"])
def test_export_command_refuses_dates_out_of_range(db, tmp_path, start):
    from django.core.management.base import CommandError

    out = str(tmp_path / "x.csv")
    with pytest.raises(CommandError, match="Give a date from"):
        call_command(
            "export_ledger", "--format", "csv", "--output", out, "--start", start
        )


def test_empty_ledger_exports_cleanly(db, tmp_path):
    path, manifest = _export(tmp_path, "beancount")
    assert manifest["entry_count"] == 0 and manifest["head_hash"] is None
    bean_check = _tool("bean-check")
    if bean_check is None:
        pytest.skip("bean-check missing: pip install -r requirements-dev.txt")
    result = subprocess.run([bean_check, str(path)], capture_output=True, check=False)
    assert result.returncode == 0


def test_export_command_shows_progress_and_a_summary(tmp_path, treasurer):
    import io

    from django.core.management import call_command

    from ledger.services import LineInput, entry_post

    for day in (2, 3, 4):
        entry_post(
            date=dt.date(2026, 3, day),
            description="Pendapatan lain",
            lines=[
                LineInput("1-1100", debit=Decimal(1000)),
                LineInput("4-9100", credit=Decimal(1000)),
            ],
        )
    path = tmp_path / "gl.csv"
    out = io.StringIO()

    call_command(
        "export_ledger",
        "--format",
        "csv",
        "--output",
        str(path),
        "--end",
        "2026-12-31",
        "--lang",
        "en",
        stdout=out,
    )

    manifest = json.loads((tmp_path / "gl.csv.manifest.json").read_text())
    assert "6/6" in out.getvalue()  # three entries of two lines each
    assert out.getvalue().strip().splitlines()[-1] == (
        f"3 entries (6 lines) written to {path}; manifest {path}.manifest.json, "
        f"SHA-256 {manifest['file']['sha256']}."
    )
    assert hashlib.sha256(path.read_bytes()).hexdigest() == manifest["file"]["sha256"]
