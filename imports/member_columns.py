"""The columns of the member import and how their cells read: categories and
statuses in Indonesian or English, regions by BPS code or name (case- and
accent-insensitive), emails, phone numbers. Each parser raises ``ValueError`` with an
Indonesian message; the import attaches row and column."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from imports.reader import Column
from imports.values import fold
from members.models import MemberCategory, MemberStatus, Region

COLUMNS = [
    Column(
        "number",
        ("nomor_anggota", "no_anggota", "nomor", "no", "member_number", "number"),
    ),
    Column("name", ("nama", "nama_lengkap", "name", "full_name"), required=True),
    Column("category", ("kategori", "jenis_anggota", "category")),
    Column(
        "region",
        (
            "kabupaten_kota",
            "kab_kota",
            "kabupaten",
            "wilayah",
            "kode_bps",
            "region",
            "regency",
        ),
        required=True,
    ),
    Column(
        "joined_on",
        ("tanggal_bergabung", "tgl_bergabung", "tanggal_masuk", "join_date"),
        required=True,
    ),
    Column("status", ("status",)),
    Column("email", ("email", "e_mail", "surel")),
    Column("phone", ("telepon", "no_telepon", "no_hp", "hp", "phone", "telephone")),
]

CATEGORY_WORDS = {
    "biasa": MemberCategory.BIASA,
    "anggota biasa": MemberCategory.BIASA,
    "ordinary": MemberCategory.BIASA,
    "luar biasa": MemberCategory.LUAR_BIASA,
    "luar_biasa": MemberCategory.LUAR_BIASA,
    "anggota luar biasa": MemberCategory.LUAR_BIASA,
    "extraordinary": MemberCategory.LUAR_BIASA,
    "kehormatan": MemberCategory.KEHORMATAN,
    "anggota kehormatan": MemberCategory.KEHORMATAN,
    "honorary": MemberCategory.KEHORMATAN,
    "rekan": MemberCategory.REKAN,
    "anggota rekan": MemberCategory.REKAN,
    "associate": MemberCategory.REKAN,
    "student": MemberCategory.REKAN,
}
STATUS_WORDS = {
    "aktif": MemberStatus.ACTIVE,
    "active": MemberStatus.ACTIVE,
    "calon": MemberStatus.APPLICANT,
    "calon anggota": MemberStatus.APPLICANT,
    "applicant": MemberStatus.APPLICANT,
    "ditangguhkan": MemberStatus.SUSPENDED,
    "diberhentikan sementara": MemberStatus.SUSPENDED,
    "nonaktif": MemberStatus.SUSPENDED,
    "suspended": MemberStatus.SUSPENDED,
}
LEFT_WORDS = {"keluar", "left", "berhenti", "resigned", "meninggal", "deceased"}
#: Status changes an import may make (imports bill nothing, so applicant -> active
#: here does not bill the pokok; leaving goes through the resignation process).
ALLOWED_CHANGES = {
    (MemberStatus.APPLICANT, MemberStatus.ACTIVE),
    (MemberStatus.ACTIVE, MemberStatus.SUSPENDED),
    (MemberStatus.SUSPENDED, MemberStatus.ACTIVE),
}
NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]{0,15}")
FIELDS = ("name", "category", "region", "joined_on", "status", "email", "phone")


class RegionIndex:
    """Finds a region by BPS code or by name (``Kota Surabaya``, ``kab. malang``,
    ``Sidoarjo``), case- and accent-insensitively; a bare name shared by a kabupaten
    and a kota (Malang, Kediri...) is ambiguous."""

    def __init__(self, regions: list[Region]):
        self.by_key: dict[str, Region | None] = {}
        for region in regions:
            self.by_key[region.code] = region
            name = fold(region.name)
            self.by_key[name] = region
            bare = re.sub(r"^(kabupaten|kota) ", "", name)
            self.by_key[bare] = None if bare in self.by_key else region

    def find(self, text: str) -> Region:
        key = fold(text)
        key = re.sub(r"^kab(?:\.\s*|\s+)", "kabupaten ", key)
        key = re.sub(r"^kota\.\s*", "kota ", key)
        key = re.sub(r"\.0$", "", key)  # an XLSX number cell: 3578.0
        if key not in self.by_key:
            raise ValueError(f"kabupaten/kota tidak dikenal: {text!r}")
        region = self.by_key[key]
        if region is None:
            raise ValueError(
                f"{text!r} ambigu: tulis 'Kabupaten {text.strip()}' atau "
                f"'Kota {text.strip()}' (atau kode BPS)."
            )
        return region


def choice(text: str, words: dict[str, str], what: str) -> str:
    key = fold(text).replace("_", " ")
    if key in words:
        return words[key]
    values = set(words.values())
    if key.replace(" ", "_") in values:
        return key.replace(" ", "_")
    raise ValueError(f"{what} tidak dikenal: {text!r}")


def parse_status(text: str) -> str:
    if fold(text) in LEFT_WORDS:
        raise ValueError(
            "anggota keluar tidak diimpor sebagai status; catat lewat proses keluar."
        )
    return choice(text, STATUS_WORDS, "status")


def parse_email(text: str) -> str:
    try:
        validate_email(text)
    except ValidationError:
        raise ValueError(f"email tidak valid: {text!r}") from None
    return text.strip().lower()


def parse_phone(text: str) -> str:
    if len(text) > 32 or not re.fullmatch(r"[0-9+()\-. ]+", text):
        raise ValueError(f"nomor telepon tidak valid: {text!r}")
    return text
