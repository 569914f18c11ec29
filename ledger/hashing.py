"""Tamper evidence: the canonical content of a posted entry and its SHA-256 chain.

Each posted entry stores ``hash = sha256(canonical(entry, lines, prev_hash))`` where
``prev_hash`` is the hash of the entry posted just before it (``GENESIS`` for the
first).
Changing, deleting, inserting or reordering anything that was posted breaks the chain
from
that entry on, which ``verify_ledger`` reports.

The canonical form is JSON with sorted keys, no spaces, UTF-8; amounts as plain digits
with
two decimals (the storage precision) so that any change to a stored amount changes the
hash.
Version it (``v``) if it ever has to change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC
from decimal import Decimal

GENESIS = "0" * 64
CANONICAL_VERSION = 1


def utc_text(moment) -> str:
    """``moment`` as canonical text: UTC, microseconds, ``Z``. A string is taken as
    already canonical (the verifier has PostgreSQL format it, see
    ``audit.chain.utc_column``)."""
    if isinstance(moment, str):
        return moment
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _amount(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def canonical(
    *,
    number: str,
    date,
    description: str,
    source: str,
    reference: str,
    reverses_number: str,
    posted_at,
    posted_by_id: int | None,
    prev_hash: str,
    lines: Iterable[tuple[str, str, Decimal, str, str, str]],
) -> bytes:
    """Canonical bytes of an entry. ``lines`` are (account code, side, amount, currency,
    member number or "", memo) in line-id order."""
    body = {
        "v": CANONICAL_VERSION,
        "number": number,
        "date": date.isoformat(),
        "description": description,
        "source": source,
        "reference": reference,
        "reverses": reverses_number,
        "posted_at": utc_text(posted_at),
        "posted_by": posted_by_id,
        "prev_hash": prev_hash,
        "lines": [
            [code, side, _amount(amount), currency, member, memo]
            for code, side, amount, currency, member, memo in lines
        ],
    }
    return json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def entry_hash(entry, lines, *, prev_hash: str) -> str:
    """Hash of ``entry`` with its ``lines`` (objects with account, member loaded)."""
    data = canonical(
        number=entry.number,
        date=entry.date,
        description=entry.description,
        source=entry.source,
        reference=entry.reference,
        reverses_number=entry.reverses.number if entry.reverses_id else "",
        posted_at=entry.posted_at,
        posted_by_id=entry.posted_by_id,
        prev_hash=prev_hash,
        lines=[
            (
                line.account.code,
                line.side,
                line.amount.amount,
                str(line.amount.currency),
                line.member.number if line.member_id else "",
                line.memo,
            )
            for line in sorted(lines, key=lambda item: item.pk)
        ],
    )
    return hashlib.sha256(data).hexdigest()
