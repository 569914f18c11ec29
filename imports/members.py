"""Importing the member registry from a spreadsheet.

Columns (Indonesian or English headers): nomor_anggota / member_number (optional:
issued when empty), nama / name, kategori / category (default biasa), kabupaten_kota /
region (BPS code or name, case- and accent-insensitive), tanggal_bergabung / join_date,
status (default aktif), email, telepon / phone.

Rows are matched to existing members by number; rows without a number by email, else
by name and join date. Each row is created, updated (only the cells it fills change),
unchanged, or an error. A dry run reports that and writes nothing; a real run writes
every row or, if any row has an error, nothing. Importing the same file twice changes
nothing the second time. Importing posts nothing and bills nothing: a member imported
as active owes no pokok here; what they paid or owe comes in with the opening balances.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction

from audit.services import audit_record, audit_record_many
from imports.errors import ImportConflict, ImportInvalid
from imports.member_columns import (
    ALLOWED_CHANGES,
    CATEGORY_WORDS,
    COLUMNS,
    FIELDS,
    NUMBER,
    RegionIndex,
    choice,
    parse_email,
    parse_phone,
    parse_status,
)
from imports.reader import Row, Table, table_read
from imports.results import ImportResult, RowAction, RowResult
from imports.values import fold, parse_date
from ledger.models import Sequence
from members.models import (
    Member,
    MemberCategory,
    MemberStatus,
    MemberStatusChange,
    Region,
)
from members.services import member_update
from members.services.common import user_or_none
from members.services.registry import NUMBER_KEY

Progress = Callable[[int, int], None]


def _parse_row(row: Row, table: Table, regions: RegionIndex, result: RowResult):
    """Cell values of ``row`` as model values, or None for each cell with an error."""
    values: dict[str, object] = {}
    number = row.text("number")
    if number:
        if not NUMBER.fullmatch(number):
            result.fail(
                table.header("number"), f"nomor anggota tidak valid: {number!r}"
            )
        values["number"] = number
    name = " ".join(row.text("name").split())
    if not name:
        result.fail(table.header("name"), "nama wajib diisi.")
    elif len(name) > 150:
        result.fail(table.header("name"), "nama lebih dari 150 huruf.")
    values["name"] = name
    parsers = {
        "category": lambda text: choice(text, CATEGORY_WORDS, "kategori"),
        "region": regions.find,
        "joined_on": lambda _text: parse_date(row.get("joined_on")),
        "status": parse_status,
        "email": parse_email,
        "phone": parse_phone,
    }
    for key, parse in parsers.items():
        if not table.has(key):
            continue
        if row.blank(key):
            if key in ("region", "joined_on"):
                result.fail(table.header(key), "wajib diisi.")
            continue
        try:
            values[key] = parse(row.text(key))
        except ValueError as exc:
            result.fail(table.header(key), str(exc))
    return values


class _Registry:
    """The members as they are, indexed the three ways rows are matched."""

    def __init__(self):
        members = list(Member.objects.select_related("region"))
        self.by_number = {m.number: m for m in members}
        self.by_email: dict[str, list[Member]] = {}
        self.by_name_date: dict[tuple[str, object], list[Member]] = {}
        for member in members:
            if member.email:
                self.by_email.setdefault(member.email.lower(), []).append(member)
            key = (fold(member.name), member.joined_on)
            self.by_name_date.setdefault(key, []).append(member)

    def match(self, values: dict, result: RowResult, table: Table) -> Member | None:
        if values.get("number"):
            return self.by_number.get(values["number"])
        if values.get("email"):
            found = self.by_email.get(values["email"], [])
            column = table.header("email")
        else:
            found = self.by_name_date.get(
                (fold(values.get("name")), values.get("joined_on")), []
            )
            column = table.header("name")
        if len(found) > 1:
            numbers = ", ".join(m.number for m in found[:5])
            result.fail(
                column, f"cocok dengan lebih dari satu anggota ({numbers}); isi nomor."
            )
            return None
        return found[0] if found else None


def _display(key: str, value: object) -> str:
    if isinstance(value, Region):
        return value.code
    return "" if value is None else str(value)


def _plan_row(values: dict, member: Member | None, result: RowResult) -> None:
    if member is None:
        result.action = RowAction.CREATED
        result.key = values.get("number", "")
        values.setdefault("category", MemberCategory.BIASA)
        values.setdefault("status", MemberStatus.ACTIVE)
        result.changes = {
            key: ["", _display(key, values[key])] for key in FIELDS if values.get(key)
        }
        return
    result.key = member.number
    changes = {}
    for key in FIELDS:
        if key not in values:
            continue
        before = getattr(member, key)
        if before != values[key]:
            changes[key] = [_display(key, before), _display(key, values[key])]
    status = values.get("status")
    if (
        status
        and status != member.status
        and (member.status, status) not in ALLOWED_CHANGES
    ):
        result.fail(
            "status",
            f"status {member.status} tidak dapat diubah menjadi {status} lewat impor.",
        )
        return
    result.changes = changes
    result.action = RowAction.UPDATED if changes else RowAction.UNCHANGED


def members_plan(table: Table, progress: Progress | None = None):
    """What importing ``table`` would do: a RowResult per row plus the parsed
    values and matched member of each row (reads only)."""
    regions = RegionIndex(list(Region.objects.all()))
    registry = _Registry()
    seen: dict[object, int] = {}
    planned: list[tuple[RowResult, dict, Member | None]] = []
    total = len(table.rows)
    for index, row in enumerate(table.rows, start=1):
        result = RowResult(line=row.line)
        values = _parse_row(row, table, regions, result)
        result.label = values.get("name", "")
        member = None
        if not result.issues:
            member = registry.match(values, result, table)
        if not result.issues:
            identity = (
                ("member", member.pk)
                if member
                else ("number", values.get("number"))
                if values.get("number")
                else ("email", values.get("email"))
                if values.get("email")
                else ("name", fold(values["name"]), values["joined_on"])
            )
            if identity in seen:
                result.fail(
                    table.header("number") if values.get("number") else "",
                    f"anggota yang sama dengan baris {seen[identity]}.",
                )
            else:
                seen[identity] = row.line
        if not result.issues:
            _plan_row(values, member, result)
        planned.append((result, values, member))
        if progress and (index % 200 == 0 or index == total):
            progress(index, total)
    return planned


def _bump_number_counter(numbers: list[str]) -> None:
    """Keep the member-number counter past every imported number of our own format,
    so a number issued later never repeats one that came in from the file."""
    pattern = re.compile(rf"^{re.escape(settings.ESTAMA_MEMBER_NUMBER_PREFIX)}-(\d+)$")
    highest = max(
        (int(match[1]) for n in numbers if (match := pattern.match(n))), default=0
    )
    if not highest:
        return
    Sequence.objects.bulk_create([Sequence(key=NUMBER_KEY)], ignore_conflicts=True)
    counter = Sequence.objects.select_for_update().get(key=NUMBER_KEY)
    if counter.last_value < highest:
        counter.last_value = highest
        counter.save(update_fields=["last_value"])


def _numbers_issue(count: int) -> list[str]:
    """``count`` new member numbers in one step: the counter row is locked and moved
    on by ``count`` (call inside the import's transaction)."""
    if not count:
        return []
    Sequence.objects.bulk_create([Sequence(key=NUMBER_KEY)], ignore_conflicts=True)
    counter = Sequence.objects.select_for_update().get(key=NUMBER_KEY)
    first = counter.last_value + 1
    counter.last_value += count
    counter.save(update_fields=["last_value"])
    prefix = settings.ESTAMA_MEMBER_NUMBER_PREFIX
    return [f"{prefix}-{value:05d}" for value in range(first, first + count)]


def _create_all(rows: list[tuple[RowResult, dict]], user) -> None:
    """Create the new members in bulk, each with its status history and audit
    record (three INSERT statements for any number of members)."""
    issued = iter(_numbers_issue(sum(1 for _, v in rows if not v.get("number"))))
    members = [
        Member(
            number=values.get("number") or next(issued),
            name=values["name"],
            category=values["category"],
            region=values["region"],
            email=values.get("email", ""),
            phone=values.get("phone", ""),
            joined_on=values["joined_on"],
            status=values["status"],
        )
        for _, values in rows
    ]
    created = Member.objects.bulk_create(members)
    if any(member.pk is None for member in created):  # backends without RETURNING
        by_number = Member.objects.in_bulk([m.number for m in members], "number")
        created = [by_number[m.number] for m in members]
    changed_by = user_or_none(user)
    MemberStatusChange.objects.bulk_create(
        MemberStatusChange(
            member=member,
            from_status="",
            to_status=member.status,
            reason="imported",
            changed_by=changed_by,
        )
        for member in created
    )
    audit_record_many(
        actor=changed_by,
        action="member.imported",
        targets=[
            (
                member,
                {
                    "number": member.number,
                    "name": member.name,
                    "status": member.status,
                },
            )
            for member in created
        ],
    )
    for (row, _), member in zip(rows, created, strict=True):
        row.key = member.number


def _update(member: Member, values: dict, user) -> None:
    from members.services.registry import status_change_record

    changes = {
        key: values[key]
        for key in FIELDS
        if key in values and key != "status" and getattr(member, key) != values[key]
    }
    if changes:
        member_update(member=member, user=user, **changes)
    if values.get("status") and values["status"] != member.status:
        locked = Member.objects.select_for_update().get(pk=member.pk)
        status_change_record(
            member=locked, to_status=values["status"], reason="imported", user=user
        )


def members_import(
    *,
    data: bytes,
    filename: str,
    dry_run: bool = False,
    user=None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import members from a CSV or XLSX file.

    Args:
        data, filename: the file (the name only tells CSV from XLSX).
        dry_run: report what would happen, write nothing.
        user: who imports (audited).
        progress: called with (rows done, rows in all) while rows are checked.

    Returns:
        The report, row by row; after a real run new members carry their numbers.

    Raises:
        ImportFileInvalid: the file cannot be read (nothing written).
        ImportInvalid: a real run with rows in error (nothing written).
        ImportConflict: a number in the file was taken by someone else while the
            import ran (nothing written; run it again).
    """
    table = table_read(data=data, filename=filename, columns=COLUMNS)
    planned = members_plan(table, progress)
    result = ImportResult(kind="members", dry_run=dry_run)
    result.rows = [row for row, _, _ in planned]
    if dry_run:
        return result
    if not result.ok:
        raise ImportInvalid(result.issues)
    try:
        _members_write(planned, result, filename, user)
    except IntegrityError as exc:  # a member number taken meanwhile by someone else
        raise ImportConflict(
            "Data anggota berubah selama impor (nomor anggota sudah dipakai); "
            "jalankan impor sekali lagi.",
            errors={"file": ["A member number was taken meanwhile; run it again."]},
        ) from exc
    return result


def _members_write(planned, result: ImportResult, filename: str, user) -> None:
    with transaction.atomic():
        _bump_number_counter([v["number"] for _, v, _ in planned if v.get("number")])
        _create_all(
            [(row, v) for row, v, _ in planned if row.action == RowAction.CREATED],
            user,
        )
        for row, values, member in planned:
            if row.action == RowAction.UPDATED:
                _update(member, values, user)
        result.summary = {"filename": filename}
        audit_record(
            actor=user,
            action="import.members",
            after={"filename": filename, **result.counts},
        )
