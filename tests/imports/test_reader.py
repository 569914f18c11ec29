"""The tabular reader: encodings, formats, headers, formulas, size and values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from imports.errors import ImportFileInvalid
from imports.reader import Column, table_read
from imports.values import parse_amount, parse_date
from tests.imports.conftest import csv_bytes, data_file, xlsx_bytes

COLUMNS = [
    Column("name", ("nama", "name"), required=True),
    Column("amount", ("jumlah", "amount")),
]


def _read(data: bytes, filename: str = "f.csv"):
    return table_read(data=data, filename=filename, columns=COLUMNS)


@pytest.mark.parametrize(
    "name", ["anggota_utf8_bom.csv", "anggota_windows1252.csv", "members_english.xlsx"]
)
def test_reads_each_encoding_and_format(name):
    from imports.members import COLUMNS as MEMBER_COLUMNS

    table = table_read(data=data_file(name), filename=name, columns=MEMBER_COLUMNS)
    names = [row.text("name") for row in table.rows]
    if name.endswith(".csv"):
        assert names[0] == "Siti Nur’aini"
        assert names[3] == "Yohanes Sétiawan"
    else:
        assert names == ["Rahmat Hidayat", "Lina Marlina", "Hendra Gunawan"]


def test_headers_match_case_accent_and_punctuation_insensitively():
    table = _read(csv_bytes([["  NAMA ", "Jumlah"], ["Ani", "1.000"]]))
    assert table.rows[0].cells == {"name": "Ani", "amount": "1.000"}
    assert table.rows[0].line == 2


def test_semicolon_and_tab_delimiters_are_detected():
    for sep in (";", "\t"):
        table = _read(csv_bytes([["nama", "jumlah"], ["Ani", "1.000,00"]], sep=sep))
        assert table.rows[0].cells["amount"] == "1.000,00"


def test_unknown_duplicate_and_missing_columns_are_named():
    with pytest.raises(ImportFileInvalid) as caught:
        _read(csv_bytes([["jumlah", "alamat", "amount"], ["1", "x", "2"]]))
    errors = caught.value.errors
    assert "rows.1.alamat" in errors
    assert "rows.1.amount" in errors  # duplicate of jumlah
    assert "rows.1.nama" in errors  # required, missing


def test_empty_and_blank_files_are_refused():
    for data in (b"", b"\xef\xbb\xbf", b"\r\n \r\n"):
        with pytest.raises(ImportFileInvalid, match="kosong"):
            _read(data)


def test_header_without_rows_is_refused():
    with pytest.raises(ImportFileInvalid, match="tidak ada baris data"):
        _read(csv_bytes([["nama", "jumlah"]]))


@override_settings(ESTAMA_IMPORT_MAX_BYTES=1024)
def test_a_file_over_the_limit_is_refused_before_reading():
    with pytest.raises(ImportFileInvalid, match="terlalu besar"):
        _read(b"nama\r\n" + b"x" * 2000)


def test_the_default_limit_is_50_mb():
    from imports.reader import max_bytes

    assert max_bytes() == 50 * 1024 * 1024


@pytest.mark.parametrize(
    "cell", ["=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-HYPERLINK(1)", "\t=1"]
)
def test_formula_looking_csv_cells_are_refused(cell):
    with pytest.raises(ImportFileInvalid) as caught:
        _read(csv_bytes([["nama", "jumlah"], ["Ani", "1"], [f'"{cell}"', "2"]]))
    assert list(caught.value.errors) == ["rows.3.nama"]
    assert "rumus" in caught.value.message


def test_negative_amounts_are_not_formulas():
    table = _read(csv_bytes([["nama", "jumlah"], ["Ani", "-25.000"]]))
    assert parse_amount(table.rows[0].get("amount")) == Decimal(-25000)


def test_xlsx_formula_cells_are_refused_with_row_and_column():
    from imports.members import COLUMNS as MEMBER_COLUMNS

    with pytest.raises(ImportFileInvalid) as caught:
        table_read(
            data=data_file("anggota_rumus.xlsx"),
            filename="anggota_rumus.xlsx",
            columns=MEMBER_COLUMNS,
        )
    assert list(caught.value.errors) == ["rows.3.nama"]


def test_xlsx_formula_in_a_numeric_column_is_refused():
    data = xlsx_bytes([["nama", "jumlah"], ["Ani", "=2*3"]])
    with pytest.raises(ImportFileInvalid) as caught:
        _read(data, "x.xlsx")
    assert list(caught.value.errors) == ["rows.2.jumlah"]


def test_a_broken_xlsx_and_binary_junk_are_refused():
    with pytest.raises(ImportFileInvalid, match="XLSX"):
        _read(b"PK\x03\x04garbage", "x.xlsx")
    with pytest.raises(ImportFileInvalid, match="biner"):
        _read(b"\x00\x01\x02nama", "x.csv")


def test_cells_outside_the_header_are_refused():
    with pytest.raises(ImportFileInvalid) as caught:
        _read(csv_bytes([["nama", "jumlah"], ["Ani", "1", "stray"]]))
    assert list(caught.value.errors) == ["rows.2.C"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.000.000", 1000000),
        ("1.000.000,00", 1000000),
        ("1,000,000.00", 1000000),
        ("Rp 1.500.000", 1500000),
        ("Rp1.500.000,-".rstrip(",-"), 1500000),
        ("(25.000)", -25000),
        ("25.000-", -25000),
        ("1500000", 1500000),
        ("750", 750),
        (1250000, 1250000),
        (1250000.0, 1250000),
    ],
)
def test_amounts_in_indonesian_and_english_forms(text, value):
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1.000,50", "12,5", "abc", "1.00.0", "1e6", "Rp"])
def test_bad_or_fractional_amounts_are_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2025-12-31", dt.date(2025, 12, 31)),
        ("31/12/2025", dt.date(2025, 12, 31)),
        ("31-12-2025", dt.date(2025, 12, 31)),
        ("31.12.25", dt.date(2025, 12, 31)),
        ("31 Des 2025", dt.date(2025, 12, 31)),
        ("17 Agustus 2025", dt.date(2025, 8, 17)),
        ("1 May 2025", dt.date(2025, 5, 1)),
        (dt.datetime(2025, 1, 2, 0, 0), dt.date(2025, 1, 2)),
    ],
)
def test_dates_in_the_usual_forms(text, value):
    assert parse_date(text) == value


def test_day_month_dates_take_the_given_year():
    assert parse_date("05/12", year=2025) == dt.date(2025, 12, 5)
    with pytest.raises(ValueError):
        parse_date("05/12")


@pytest.mark.parametrize("text", ["31/02/2025", "2025-13-01", "kemarin", "12/31/2025"])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValueError, match="tanggal tidak valid"):
        parse_date(text)
