"""The SHU allocation table as the RAT decided it (stored per year, replaced until the
SHU is distributed)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction

from audit.services import audit_record
from ledger.chart import account_code
from ledger.models import Account
from reports.errors import (
    InvalidShuAllocation,
    ShuAllocationNot100,
    ShuAlreadyDistributed,
)
from reports.models import ShuPart, ShuPartKind
from reports.services.years import _lock_year

#: An RAT table has a handful of parts; the bound keeps ``position`` in range.
MAX_PARTS = 50
#: Liability accounts a fund part may name, and each fund kind's default.
FUND_ACCOUNTS = ("2-1410", "2-1420", "2-1430", "2-1440")
FUND_DEFAULTS = {
    ShuPartKind.MANAGEMENT: "2-1410",
    ShuPartKind.STAFF: "2-1420",
    ShuPartKind.EDUCATION: "2-1430",
    ShuPartKind.SOCIAL: "2-1440",
}


def _parse_percent(raw, index: int) -> Decimal:
    try:
        value = Decimal(str(raw).strip()) if not isinstance(raw, float) else None
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite():
        raise InvalidShuAllocation(
            "Persentase tidak valid.",
            errors={f"parts.{index}.percent": ['Give a decimal string, e.g. "2.5".']},
        )
    if value < 0 or value > 100:
        raise InvalidShuAllocation(
            "Persentase harus antara 0 dan 100.",
            errors={f"parts.{index}.percent": ["Must be from 0 to 100."]},
        )
    if value != value.quantize(Decimal("0.0001")):
        raise InvalidShuAllocation(
            "Persentase paling banyak empat desimal.",
            errors={f"parts.{index}.percent": ["At most 4 decimal places."]},
        )
    return value


def _part_account(kind: str, account: str | None, index: int) -> Account | None:
    fixed = {
        ShuPartKind.CAPITAL: account_code("shu_member_payable"),
        ShuPartKind.BUSINESS: account_code("shu_member_payable"),
        ShuPartKind.RESERVE: account_code("reserve"),
    }
    if kind in fixed:
        if account and account != fixed[kind]:
            raise InvalidShuAllocation(
                "Akun bagian ini sudah ditetapkan.",
                errors={f"parts.{index}.account": [f"{kind} goes to {fixed[kind]}."]},
            )
        return None
    code = account or FUND_DEFAULTS.get(kind)
    if code not in FUND_ACCOUNTS:
        raise InvalidShuAllocation(
            "Dana harus menyebut akun liabilitas 2-1410 s.d. 2-1440.",
            errors={
                f"parts.{index}.account": [f"Use one of {', '.join(FUND_ACCOUNTS)}."]
            },
        )
    return Account.objects.get(code=code)


def shu_allocation_set(*, year: int, parts: list[dict], user=None) -> list[ShuPart]:
    """Store (replace) the year's SHU allocation table as the RAT decided it.

    Args:
        year: the fiscal year.
        parts: ``[{"kind", "percent", "account"?, "name"?}, ...]`` in table order
            (the tie-break order); percents are decimal strings adding up to 100.
        user: who stores it.

    Returns:
        The stored parts in order.

    Raises:
        InvalidShuAllocation (unknown kind, bad percent or account, a second capital
        or business part, no parts or more than ``MAX_PARTS``), ShuAllocationNot100,
        ShuAlreadyDistributed.
    """
    if not parts:
        raise InvalidShuAllocation(
            "Tabel pembagian SHU kosong.", errors={"parts": ["Give at least one part."]}
        )
    if len(parts) > MAX_PARTS:
        raise InvalidShuAllocation(
            f"Tabel pembagian SHU paling banyak {MAX_PARTS} bagian.",
            errors={"parts": [f"At most {MAX_PARTS} parts."]},
        )
    rows = []
    seen: set[str] = set()
    for index, part in enumerate(parts):
        kind = part.get("kind")
        if kind not in ShuPartKind.values:
            raise InvalidShuAllocation(
                "Jenis bagian SHU tidak dikenal.",
                errors={f"parts.{index}.kind": [f"Use one of {ShuPartKind.values}."]},
            )
        if kind in (ShuPartKind.CAPITAL, ShuPartKind.BUSINESS) and kind in seen:
            raise InvalidShuAllocation(
                "Hanya boleh satu bagian jasa modal dan satu jasa usaha.",
                errors={f"parts.{index}.kind": [f"Only one {kind} part."]},
            )
        seen.add(kind)
        percent = _parse_percent(part.get("percent"), index)
        account = _part_account(kind, part.get("account") or None, index)
        rows.append((kind, percent, account, (part.get("name") or "")[:120]))
    total = sum((row[1] for row in rows), Decimal(0))
    if total != 100:
        raise ShuAllocationNot100(
            f"Jumlah persentase pembagian SHU {total:f}%, harus tepat 100%.",
            errors={"parts": [f"The percents add up to {total:f}, not 100."]},
        )
    with transaction.atomic():
        fy = _lock_year(year)
        if fy.shu_entry_id:
            raise ShuAlreadyDistributed(f"SHU tahun {year} sudah dibagikan.")
        before = [
            {"kind": p.kind, "percent": f"{p.percent:f}"}
            for p in ShuPart.objects.filter(fiscal_year=fy)
        ]
        ShuPart.objects.filter(fiscal_year=fy).delete()
        stored = ShuPart.objects.bulk_create(
            [
                ShuPart(
                    fiscal_year=fy,
                    position=index,
                    kind=kind,
                    percent=percent,
                    account=account,
                    name=name,
                )
                for index, (kind, percent, account, name) in enumerate(rows)
            ]
        )
        audit_record(
            actor=user,
            action="shu.allocation_set",
            target=fy,
            before={"parts": before},
            after={"parts": [{"kind": r[0], "percent": f"{r[1]:f}"} for r in rows]},
        )
    return stored
