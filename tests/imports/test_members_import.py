"""Importing members: each format, dry run, all or nothing, twice changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from imports.errors import ImportFileInvalid, ImportInvalid
from imports.members import members_import
from ledger.models import JournalEntry
from members.models import Member, MemberStatus, OpenItem
from members.services import member_create
from tests.imports.conftest import SAMPLES, csv_bytes, data_file

pytestmark = pytest.mark.django_db

HEADER = ["nomor_anggota", "nama", "kategori", "kabupaten_kota", "tanggal_bergabung"]


def _import(name: str, **kwargs):
    return members_import(data=data_file(name), filename=name, **kwargs)


@pytest.mark.parametrize(
    "name", ["anggota_utf8_bom.csv", "anggota_windows1252.csv", "members_english.xlsx"]
)
def test_each_format_creates_its_members(name, verify):
    result = _import(name)
    assert result.ok
    expected = 5 if name.endswith(".csv") else 3
    assert result.counts["created"] == expected
    assert Member.objects.count() == expected
    verify()


def test_values_are_read_as_written():
    _import("anggota_utf8_bom.csv")
    siti = Member.objects.get(number="JTM-00101")
    assert (siti.name, siti.region_id, siti.joined_on, siti.status) == (
        "Siti Nur’aini",
        "3578",
        dt.date(2019, 3, 15),
        MemberStatus.ACTIVE,
    )
    assert Member.objects.get(number="JTM-00102").region_id == "3507"  # Kab. Malang
    assert Member.objects.get(number="JTM-00103").region_id == "3510"  # banyuwangi
    yohanes = Member.objects.get(name="Yohanes Sétiawan")
    assert (yohanes.region_id, yohanes.status, yohanes.category) == (
        "3579",
        MemberStatus.APPLICANT,
        "rekan",
    )


def test_english_xlsx_reads_dates_numbers_and_words():
    _import("members_english.xlsx")
    lina = Member.objects.get(number="JTM-00202")
    assert (lina.region_id, lina.category, lina.joined_on, lina.phone) == (
        "3515",
        "luar_biasa",
        dt.date(2020, 6, 1),
        "81234500202",
    )


def test_rows_without_number_get_the_next_number_after_the_imported_ones():
    result = _import("anggota_utf8_bom.csv")
    issued = sorted(row.key for row in result.rows if row.key > "JTM-00103")
    assert issued == ["JTM-00104", "JTM-00105"]
    later = member_create(
        name="Baru",
        category="biasa",
        region=Member.objects.first().region,
        joined_on=dt.date(2026, 1, 5),
    )
    assert later.number == "JTM-00106"


def test_importing_posts_and_bills_nothing():
    _import("anggota_utf8_bom.csv")
    assert JournalEntry.objects.count() == 0
    assert OpenItem.objects.count() == 0


def test_the_same_file_twice_changes_nothing(verify):
    _import("anggota_windows1252.csv")
    before = list(Member.objects.order_by("pk").values())
    events = AuditEvent.objects.count()
    result = _import("anggota_windows1252.csv")
    assert result.counts == {"created": 0, "updated": 0, "unchanged": 5, "error": 0}
    assert list(Member.objects.order_by("pk").values()) == before
    assert AuditEvent.objects.count() == events + 1  # only the import's own record
    verify()


def test_rows_without_number_match_by_email_else_name_and_date():
    first = csv_bytes(
        [
            ["nama", "kabupaten_kota", "tanggal_bergabung", "email"],
            ["Ani Rahayu", "3578", "01/02/2020", "ani@example.org"],
            ["Budi Utomo", "3578", "01/02/2020", ""],
        ]
    )
    members_import(data=first, filename="a.csv")
    second = csv_bytes(
        [
            ["nama", "kabupaten_kota", "tanggal_bergabung", "email", "telepon"],
            ["Ani R.", "3578", "01/02/2020", "ANI@example.org", "0811"],
            ["budi  utomo", "3578", "2020-02-01", "", "0812"],
        ]
    )
    result = members_import(data=second, filename="b.csv")
    assert [row.action for row in result.rows] == ["updated", "updated"]
    assert result.rows[0].changes["name"] == ["Ani Rahayu", "Ani R."]
    assert Member.objects.count() == 2
    assert set(Member.objects.values_list("phone", flat=True)) == {"0811", "0812"}


def test_dry_run_reports_row_by_row_and_writes_nothing():
    member_create(
        name="Sri Wahyuni",
        category="biasa",
        region=Member._meta.get_field("region").related_model.objects.get(pk="3578"),
        joined_on=dt.date(2019, 3, 15),
    )
    existing = Member.objects.get()
    data = csv_bytes(
        [
            [*HEADER, "email"],
            [existing.number, "Sri Wahyuni", "biasa", "3578", "15/03/2019", ""],
            [existing.number, "Sri Wahyuni", "biasa", "3507", "15/03/2019", ""],
            ["", "Joko", "biasa", "Kota Atlantis", "15/03/2019", ""],
            ["", "Tuti", "biasa", "Sidoarjo", "15/03/2019", "tuti@example.org"],
        ]
    )
    result = members_import(data=data, filename="x.csv", dry_run=True)
    assert [row.action for row in result.rows] == [
        "unchanged",
        "error",
        "error",
        "created",
    ]
    assert "baris 2" in result.rows[1].issues[0].text  # the same member twice
    assert result.rows[2].issues[0].column == "kabupaten_kota"
    assert "Atlantis" in result.rows[2].issues[0].message
    assert Member.objects.count() == 1


def test_a_real_run_with_one_bad_row_writes_nothing():
    with pytest.raises(ImportInvalid) as caught:
        _import("anggota_bermasalah.csv")
    errors = caught.value.errors
    assert "rows.2.kabupaten_kota" in errors  # Kota Atlantis
    assert "rows.3.kabupaten_kota" in errors  # Malang: kabupaten or kota?
    assert "rows.3.tanggal_bergabung" in errors  # 31/02/2020
    assert "rows.3.email" in errors
    assert {"rows.4.nama", "rows.4.kategori", "rows.4.status"} <= set(errors)
    assert Member.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_bad_row_after_good_ones_leaves_no_partial_write():
    data = csv_bytes(
        [
            HEADER,
            ["JTM-00501", "Ani", "biasa", "3578", "01/01/2020"],
            ["JTM-00502", "Budi", "biasa", "3578", "01/01/2020"],
            ["JTM-00503", "Citra", "biasa", "3578", "1.1.20x"],
        ]
    )
    with pytest.raises(ImportInvalid, match="baris 4"):
        members_import(data=data, filename="x.csv")
    assert not Member.objects.exists()


def test_status_changes_an_import_may_not_make():
    data = csv_bytes([[*HEADER, "status"], ["", "Ani", "biasa", "3578", "01/01/2020"]])
    members_import(data=data, filename="x.csv")
    number = Member.objects.get().number
    back = csv_bytes(
        [[*HEADER, "status"], [number, "Ani", "biasa", "3578", "01/01/2020", "calon"]]
    )
    result = members_import(data=back, filename="x.csv", dry_run=True)
    assert result.rows[0].action == "error"
    suspend = csv_bytes(
        [
            [*HEADER, "status"],
            [number, "Ani", "biasa", "3578", "01/01/2020", "nonaktif"],
        ]
    )
    members_import(data=suspend, filename="x.csv")
    member = Member.objects.get()
    assert member.status == MemberStatus.SUSPENDED
    assert member.status_changes.order_by("-pk").first().to_status == "suspended"


def test_command_imports_the_shipped_sample_and_dry_run_writes_nothing(verify):
    path = str(SAMPLES / "anggota.csv")
    out = io.StringIO()
    call_command("import_members", path, "--dry-run", stdout=out)
    assert "Uji coba" in out.getvalue()
    assert "created 5" in out.getvalue()
    assert not Member.objects.exists()
    out = io.StringIO()
    call_command("import_members", path, stdout=out)
    assert "Selesai: created 5" in out.getvalue()
    assert Member.objects.count() == 5
    out = io.StringIO()
    call_command("import_members", path, stdout=out)
    assert "unchanged 5" in out.getvalue()
    verify()


def test_command_reports_errors_with_row_and_column():
    path = str(SAMPLES.parent / "tests" / "data" / "anggota_bermasalah.csv")
    with pytest.raises(CommandError, match="baris 2, kolom 'kabupaten_kota'"):
        call_command("import_members", path, stdout=io.StringIO())
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_members", "/nonexistent.csv", stdout=io.StringIO())


def test_formula_file_is_refused_whole():
    with pytest.raises(ImportFileInvalid):
        _import("anggota_rumus.xlsx")
    assert not Member.objects.exists()
