"""Opening balances: one balanced opening entry, member money named, month locked."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from imports.errors import ImportInvalid
from imports.members import members_import
from imports.opening import OpeningExists, opening_balances_import
from ledger.errors import PeriodLocked, UnbalancedEntry
from ledger.models import EntrySource, JournalEntry, Period
from ledger.selectors import trial_balance
from ledger.services import LineInput, entry_post
from members.models import Member, OpenItem
from members.selectors import (
    member_outstanding,
    member_share_balances,
    member_statement,
)
from members.services import payment_record
from tests.imports.conftest import SAMPLES, csv_bytes, data_file

pytestmark = pytest.mark.django_db
DATE = dt.date(2025, 12, 31)
HEADER = ["kode_akun", "debit", "kredit", "nomor_anggota"]


@pytest.fixture
def members():
    sample = (SAMPLES / "anggota.csv").read_bytes()
    members_import(data=sample, filename="anggota.csv")
    return {m.number: m for m in Member.objects.all()}


def _import(name: str, **kwargs):
    return opening_balances_import(
        data=data_file(name), filename=name, date=DATE, **kwargs
    )


@pytest.mark.parametrize("name", ["saldo_awal.csv", "opening_balances.xlsx"])
def test_each_format_posts_one_balanced_opening_entry(name, members, verify):
    result = _import(name)
    entry = JournalEntry.objects.get()
    assert (entry.source, entry.date, entry.number) == (
        EntrySource.OPENING,
        DATE,
        result.summary["entry"],
    )
    assert entry.lines.count() == 17
    assert result.summary["debit"] == result.summary["credit"] == "29575000"
    balances = {row.account.code: row.balance for row in trial_balance(as_of=DATE).rows}
    assert balances["1-1200"] == Decimal(18750000)
    assert balances["3-3100"] == Decimal(-9450000)
    assert Period.objects.get(year=2025, month=12).is_locked
    verify()


def test_member_money_is_each_members_own(members, verify):
    _import("saldo_awal.csv")
    sri, agus = members["JTM-00001"], members["JTM-00002"]
    shares = member_share_balances(member=sri)
    assert (shares["pokok"], shares["wajib"], shares["sukarela"]) == (
        Decimal(100000),
        Decimal(600000),
        Decimal(1000000),
    )
    statement = member_statement(member=sri)
    assert [(row.account, row.credit) for row in statement.rows] == [
        ("3-1100", Decimal(100000)),
        ("3-1200", Decimal(600000)),
        ("2-1200", Decimal(1000000)),
    ]
    assert {row.date for row in statement.rows} == {DATE}
    items = OpenItem.objects.filter(member=agus).order_by("kind")
    assert [(i.kind, i.period, i.amount.amount) for i in items] == [
        ("iuran", "2025-11", Decimal(25000)),
        ("wajib", "2025-12", Decimal(50000)),
    ]
    assert member_outstanding(member=agus) == Decimal(75000)
    # Unpaid wajib is not capital: its arrears line is taken off the 3-1200 credit.
    assert member_share_balances(member=agus)["wajib"] == Decimal(500000)
    # The opening arrears are paid like any other item.
    payment = payment_record(
        member=agus, amount=Decimal(75000), method="bank", date=dt.date(2026, 1, 5)
    )
    assert payment.credit_amount.amount == 0
    assert member_outstanding(member=agus) == 0
    verify()


def test_the_month_is_locked_after_the_import(members):
    _import("saldo_awal.csv")
    with pytest.raises(PeriodLocked):
        entry_post(
            date=dt.date(2025, 12, 15),
            description="Terlambat",
            lines=[
                LineInput(account="1-1100", debit=1000),
                LineInput(account="4-9100", credit=1000),
            ],
        )


def test_an_unbalanced_file_is_refused_and_dry_run_shows_the_difference(members):
    report = _import("saldo_awal_tidak_seimbang.csv", dry_run=True)
    assert not report.ok
    assert report.summary["difference"] == "50000"
    assert "tidak seimbang" in report.problems[0].text
    with pytest.raises(UnbalancedEntry):
        _import("saldo_awal_tidak_seimbang.csv")
    assert not JournalEntry.objects.exists()
    assert not OpenItem.objects.exists()
    assert not Period.objects.filter(is_locked=True).exists()


def test_dry_run_posts_nothing(members):
    report = _import("saldo_awal.csv", dry_run=True)
    assert report.ok and report.counts["created"] == 17
    assert not JournalEntry.objects.exists()


def test_row_rules_name_row_and_column(members):
    data = csv_bytes(
        [
            [*HEADER, "jenis"],
            ["3-1100", "", "100.000", "", ""],  # member money without member
            ["1-1100", "100.000", "", "JTM-00001", ""],  # member on cash
            ["3-1200", "", "50.000", "JTM-09999", ""],  # unknown member
            ["1-1310", "", "25.000", "JTM-00001", ""],  # receivable on credit
            ["1-1400", "500.000", "", "", ""],  # inventory
            ["1-1", "500.000", "", "", ""],  # group account
            ["9-9999", "500.000", "", "", ""],  # unknown account
            ["1-1200", "500.000", "500.000", "", ""],  # both sides
            ["1-1200", "1.000,50", "", "", ""],  # sen
            ["1-1310", "25.000", "", "JTM-00001", "sumbangan"],  # unknown kind
        ]
    )
    with pytest.raises(ImportInvalid) as caught:
        opening_balances_import(data=data, filename="x.csv", date=DATE)
    errors = caught.value.errors
    for key in [
        "rows.2.nomor_anggota",
        "rows.3.nomor_anggota",
        "rows.4.nomor_anggota",
        "rows.5.kredit",
        "rows.6.kode_akun",
        "rows.7.kode_akun",
        "rows.8.kode_akun",
        "rows.9.debit",
        "rows.10.debit",
        "rows.11.jenis",
    ]:
        assert key in errors, key
    assert not JournalEntry.objects.exists()


def test_a_second_opening_import_is_refused(members):
    _import("saldo_awal.csv")
    with pytest.raises(OpeningExists):
        opening_balances_import(
            data=data_file("saldo_awal.csv"),
            filename="saldo_awal.csv",
            date=dt.date(2026, 1, 31),
        )
    assert JournalEntry.objects.count() == 1


def test_command_posts_and_dry_run_reports(members, verify):
    path = str(SAMPLES / "saldo_awal.csv")
    out = io.StringIO()
    call_command(
        "import_opening_balances", path, "--date", "2025-12-31", "--dry-run", stdout=out
    )
    assert "Uji coba" in out.getvalue()
    assert not JournalEntry.objects.exists()
    out = io.StringIO()
    call_command("import_opening_balances", path, "--date", "2025-12-31", stdout=out)
    assert "entry: JU-2025-000001" in out.getvalue()
    verify()
    with pytest.raises(CommandError, match="opening_exists"):
        call_command(
            "import_opening_balances",
            path,
            "--date",
            "2025-12-31",
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_opening_balances", path, "--date", "31-12-2025")


def test_api_imports_opening_balances(members, treasurer_client, auditor_client):
    url = "/api/v1/imports/opening-balances/"

    def post(**query):
        suffix = "?dry_run=1" if query else ""
        return treasurer_client.post(
            url + suffix,
            {
                "file": SimpleUploadedFile("s.csv", data_file("saldo_awal.csv")),
                "date": "2025-12-31",
            },
            format="multipart",
        )

    dry = post(dry_run=1)
    assert dry.status_code == 200
    assert dry.json()["result"]["summary"]["difference"] == "0"
    real = post()
    assert real.status_code == 201, real.json()
    assert real.json()["result"]["summary"]["locked"] == "2025-12"
    again = post()
    assert again.status_code == 409
    assert again.json()["code"] == "opening_exists"
    missing_date = treasurer_client.post(
        url,
        {"file": SimpleUploadedFile("s.csv", data_file("saldo_awal.csv"))},
        format="multipart",
    )
    assert missing_date.status_code == 400
    assert "date" in missing_date.json()["errors"]
    forbidden = auditor_client.post(
        url,
        {
            "file": SimpleUploadedFile("s.csv", data_file("saldo_awal.csv")),
            "date": "2025-12-31",
        },
        format="multipart",
    )
    assert forbidden.status_code == 403


def test_page_imports_opening_balances(members, web_client, treasurer):
    response = web_client(treasurer).post(
        "/imports/",
        {
            "kind": "opening",
            "date": "2025-12-31",
            "file": SimpleUploadedFile("s.csv", data_file("saldo_awal.csv")),
        },
    )
    assert response.status_code == 200
    assert JournalEntry.objects.filter(source="opening").count() == 1
    no_date = web_client(treasurer).post(
        "/imports/",
        {"kind": "opening", "file": SimpleUploadedFile("s.csv", b"x")},
    )
    assert "Tanggal saldo awal wajib diisi" in no_date.content.decode()
