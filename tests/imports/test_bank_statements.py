"""Bank statements: each preset and OFX, never twice, rules, suggestions."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from bank.errors import InvalidBankAccount, InvalidPreset
from bank.models import BankLine, BankRule, LineStatus
from bank.services import rule_create
from bank.setup import mapping_save
from bank.statements import statement_import
from imports.errors import ImportFileInvalid
from ledger.models import JournalEntry
from tests.imports.conftest import csv_bytes, data_file

pytestmark = pytest.mark.django_db
PRESET_FILES = [
    ("mutasi_bca.csv", "bca"),
    ("mutasi_mandiri.csv", "mandiri"),
    ("mutasi_bri.xlsx", "bri"),
    ("mutasi.ofx", ""),
]
GENERIC = {
    "date": "Tgl",
    "description": "Uraian",
    "amount": "Nominal",
    "balance": "Saldo Akhir",
}


def _import(name: str, preset: str = "", **kwargs):
    return statement_import(
        account="1-1200",
        data=data_file(name),
        filename=name,
        preset=preset,
        **kwargs,
    )


@pytest.mark.parametrize(("name", "preset"), PRESET_FILES)
def test_each_preset_reads_the_same_eight_lines(name, preset, verify):
    result = _import(name, preset)
    assert result.counts["created"] == 8
    lines = list(BankLine.objects.order_by("date", "line_no"))
    assert [line.amount.amount for line in lines] == [
        75000,
        100000,
        1110000,
        50000,
        -750000,
        -17000,
        12500,
        -2500,
    ]
    assert lines[0].date == dt.date(2026, 1, 2)
    assert lines[-1].balance.amount == Decimal(19328000)
    assert "JTM-00002" in lines[0].description
    assert not JournalEntry.objects.exists()  # bank lines, not postings
    verify()


def test_generic_mapping_is_saved_per_account_and_reused():
    with pytest.raises(InvalidPreset):
        _import("mutasi_generik.csv", "generic")
    mapping_save(account="1-1200", mapping=GENERIC, bank_name="Bank Jatim")
    result = _import("mutasi_generik.csv")  # the saved mapping is the default
    assert result.summary["preset"] == "generic"
    assert BankLine.objects.count() == 8
    with pytest.raises(InvalidPreset):
        mapping_save(account="1-1200", mapping={"date": "Tgl"})


@pytest.mark.parametrize(("name", "preset"), PRESET_FILES)
def test_a_line_seen_before_is_never_imported_twice(name, preset):
    _import(name, preset)
    again = _import(name, preset)
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 8, "error": 0}
    assert BankLine.objects.count() == 8


def test_an_overlapping_statement_adds_only_the_new_lines():
    """The fingerprint is the line, not the file: a download covering part of the
    month again adds only what it has that the first did not."""
    lines = data_file("mutasi_bca.csv").decode("cp1252").split("\r\n")
    first_half = "\r\n".join(lines[:10]).encode("cp1252")  # up to 20/01
    statement_import(account="1-1200", data=first_half, filename="a.csv", preset="bca")
    assert BankLine.objects.count() == 4
    assert _import("mutasi_bca.csv", "bca").counts["created"] == 4
    assert BankLine.objects.count() == 8


def test_identical_lines_on_one_day_are_both_kept():
    rows = [
        ["Tgl", "Uraian", "Nominal"],
        ["31/01/2026", "BIAYA ADM", "-5.000"],
        ["31/01/2026", "BIAYA ADM", "-5.000"],
    ]
    mapping_save(
        account="1-1200",
        mapping={"date": "Tgl", "description": "Uraian", "amount": "Nominal"},
    )
    statement_import(account="1-1200", data=csv_bytes(rows), filename="g.csv")
    assert BankLine.objects.count() == 2
    statement_import(account="1-1200", data=csv_bytes(rows), filename="g.csv")
    assert BankLine.objects.count() == 2


def test_dry_run_saves_nothing():
    result = _import("mutasi_bca.csv", "bca", dry_run=True)
    assert result.counts["created"] == 8
    assert not BankLine.objects.exists()


def test_bad_files_and_accounts_are_refused():
    with pytest.raises(InvalidBankAccount):
        statement_import(account="3-1100", data=b"x", filename="x.csv", preset="bca")
    with pytest.raises(InvalidBankAccount):
        statement_import(account="9-9", data=b"x", filename="x.csv", preset="bca")
    with pytest.raises(InvalidPreset):
        _import("mutasi_bca.csv", "cimb")
    with pytest.raises(ImportFileInvalid):  # a Mandiri file is not a BCA one
        _import("mutasi_mandiri.csv", "bca")
    broken = data_file("mutasi_bca.csv").replace(b"'05/01", b"'35/01")
    with pytest.raises(ImportFileInvalid) as caught:
        statement_import(account="1-1200", data=broken, filename="b.csv", preset="bca")
    assert list(caught.value.errors) == ["rows.8.Tanggal Transaksi"]
    formula = data_file("mutasi_bca.csv").replace(b"BIAYA ADM", b"=HYPERLINK(1)")
    with pytest.raises(ImportFileInvalid, match="rumus"):
        statement_import(account="1-1200", data=formula, filename="b.csv", preset="bca")
    assert not BankLine.objects.exists()


def test_rules_book_recurring_lines_on_import(verify):
    rule_create(name="Biaya admin", pattern="BIAYA ADM", account="6-1400")
    rule_create(name="Bunga", pattern="BUNGA", account="4-9100", direction="in")
    rule_create(name="Pajak", pattern="PAJAK BUNGA", account="6-9100", direction="out")
    result = _import("mutasi_bca.csv", "bca")
    assert result.summary["booked"] == 3
    booked = {
        line.description: line.matches.get().account.code
        for line in BankLine.objects.filter(status=LineStatus.BOOKED)
    }
    assert booked == {"BIAYA ADM": "6-1400", "BUNGA": "4-9100", "PAJAK BUNGA": "6-9100"}
    fee = BankLine.objects.get(description="BIAYA ADM").matches.get().entry
    assert fee.date == dt.date(2026, 1, 31)
    assert {(ln.account.code, ln.side) for ln in fee.lines.all()} == {
        ("1-1200", "C"),
        ("6-1400", "D"),
    }
    verify()


def test_a_rule_may_not_book_member_money():
    from bank.errors import InvalidRule

    with pytest.raises(InvalidRule):
        rule_create(name="x", pattern="SIMPANAN", account="2-1200")
    assert not BankRule.objects.exists()


def test_command_imports_and_reports(verify):
    from tests.imports.conftest import DATA

    out = io.StringIO()
    call_command(
        "import_bank_statement",
        str(DATA / "mutasi_bca.csv"),
        "--account",
        "1-1200",
        "--preset",
        "bca",
        stdout=out,
    )
    assert "created 8" in out.getvalue()
    out = io.StringIO()
    call_command(
        "import_bank_statement",
        str(DATA / "mutasi_bca.csv"),
        "--account",
        "1-1200",
        "--preset",
        "bca",
        stdout=out,
    )
    assert "unchanged 8" in out.getvalue()
    with pytest.raises(CommandError, match="invalid_bank_account"):
        call_command(
            "import_bank_statement",
            str(DATA / "mutasi_bca.csv"),
            "--account",
            "2-1200",
            stdout=io.StringIO(),
        )
    verify()
