"""Checkpoint files: write (atomically, signed) and load (signature checked).

File name: ``checkpoint-<UTC time>-<chain position>-<reason>.json``; content:

    {"format": "estama-checkpoint", "v": 1, "created_at": "...Z", "reason": "...",
     "verified": true|false,
     "ledger": {"chain_seq": N, "last_number": "JU-...", "head_hash": "...",
                "year_seqs": {"2026": n}},
     "audit": {"seq": M, "head_hash": "..."},
     "totals": [{"account": "1-1100", "currency": "IDR", "debit": "...",
                 "credit": "..."}],
     "signature": {"alg": "HMAC-SHA256", "key_id": "...", "value": "<hex>"}}

The signature covers the canonical JSON (sorted keys, no spaces, UTF-8) of everything
but ``signature``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ledger.checkpoints.keys import (
    checkpoint_key,
    checkpoint_key_id,
    sign,
    signature_ok,
)
from ledger.checkpoints.state import LedgerState, ledger_state

FORMAT = "estama-checkpoint"
VERSION = 1
REASONS = ("nightly", "period_lock", "verify", "manual", "export")


def checkpoint_dir(directory: str | Path | None = None) -> Path:
    return Path(directory or settings.ESTAMA_CHECKPOINT_DIR)


def _plain(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def _canonical(body: dict) -> bytes:
    return json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


@dataclass(frozen=True)
class Checkpoint:
    """One checkpoint file as read. ``error`` says why it cannot be trusted (bad
    signature, unreadable); ``payload`` is the signed content (None if unreadable)."""

    path: Path
    payload: dict | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def chain_seq(self) -> int:
        return int(self.payload["ledger"]["chain_seq"])

    @property
    def head_hash(self) -> str:
        return self.payload["ledger"]["head_hash"]

    @property
    def last_number(self) -> str | None:
        return self.payload["ledger"]["last_number"]

    @property
    def year_seqs(self) -> dict[int, int]:
        return {int(y): int(n) for y, n in self.payload["ledger"]["year_seqs"].items()}

    @property
    def audit_seq(self) -> int:
        return int(self.payload["audit"]["seq"])

    @property
    def audit_hash(self) -> str:
        return self.payload["audit"]["head_hash"]

    @property
    def verified(self) -> bool:
        return bool(self.payload.get("verified"))

    @property
    def created_at(self) -> str:
        return self.payload["created_at"]

    def totals(self) -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
        return {
            (row["account"], row["currency"]): (
                Decimal(row["debit"]),
                Decimal(row["credit"]),
            )
            for row in self.payload["totals"]
        }


def _payload(state: LedgerState, *, reason: str, verified: bool, now) -> dict:
    return {
        "format": FORMAT,
        "v": VERSION,
        "created_at": now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "reason": reason,
        "verified": verified,
        "ledger": {
            "chain_seq": state.chain_seq,
            "last_number": state.last_number,
            "head_hash": state.head_hash,
            "year_seqs": {str(y): n for y, n in sorted(state.year_seqs.items())},
        },
        "audit": {"seq": state.audit_seq, "head_hash": state.audit_hash},
        "totals": [
            {
                "account": code,
                "currency": currency,
                "debit": _plain(debit),
                "credit": _plain(credit),
            }
            for (code, currency), (debit, credit) in sorted(state.totals.items())
        ],
    }


def checkpoint_write(
    *,
    reason: str = "manual",
    verified: bool = False,
    state: LedgerState | None = None,
    directory: str | Path | None = None,
) -> Checkpoint:
    """Write a signed checkpoint of the current state (or of ``state``).

    Args:
        reason: why (``nightly``, ``period_lock``, ``verify``, ``manual``, ``export``).
        verified: True only when ``state`` is what a successful verification read
            (the next incremental verification may start from it).
        state: a ``LedgerState`` read by the caller; default: read it now, under the
            ledger and audit locks.
        directory: default ``ESTAMA_CHECKPOINT_DIR``.

    Returns:
        The written ``Checkpoint``.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown checkpoint reason {reason!r}")
    state = state or ledger_state()
    now = timezone.now()
    body = _payload(state, reason=reason, verified=verified, now=now)
    key = checkpoint_key()
    body["signature"] = {
        "alg": "HMAC-SHA256",
        "key_id": checkpoint_key_id(key),
        "value": sign(_canonical(body), key),
    }
    folder = checkpoint_dir(directory)
    folder.mkdir(parents=True, exist_ok=True)
    name = (
        f"checkpoint-{now.astimezone(dt.UTC):%Y%m%dT%H%M%S%fZ}-"
        f"{state.chain_seq:012d}-{reason}.json"
    )
    # Write a temporary file, flush it to disk, then rename: a reader never sees half
    # a checkpoint, and a crash leaves no torn file.
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".checkpoint-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(body, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    path = folder / name
    os.replace(tmp, path)
    return Checkpoint(
        path=path, payload={k: v for k, v in body.items() if k != "signature"}
    )


def _load(path: Path, key: bytes) -> Checkpoint:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        signature = body.pop("signature")
        if body.get("format") != FORMAT:
            raise ValueError("not an Estama checkpoint")
        ok = signature_ok(_canonical(body), signature.get("value", ""), key)
        # read every field once, so a malformed file is reported here
        parsed = Checkpoint(path, body)
        _ = (parsed.chain_seq, parsed.head_hash, parsed.year_seqs, parsed.totals())
        _ = (parsed.audit_seq, parsed.audit_hash, parsed.created_at)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return Checkpoint(path, None, f"cannot be read ({exc})")
    if not ok:
        mine = checkpoint_key_id(key)
        theirs = signature.get("key_id", "?")
        why = (
            "it was signed with another key"
            if theirs != mine
            else "its content was altered after signing"
        )
        return Checkpoint(
            path, body, f"the signature does not verify ({why}; key {theirs})"
        )
    return Checkpoint(path, body)


def checkpoints_load(directory: str | Path | None = None) -> list[Checkpoint]:
    """Every checkpoint file in the directory, oldest first (by name, which starts
    with the UTC time). A missing directory holds none."""
    folder = checkpoint_dir(directory)
    if not folder.is_dir():
        return []
    key = checkpoint_key()
    return [_load(path, key) for path in sorted(folder.glob("checkpoint-*.json"))]


def checkpoint_latest(directory: str | Path | None = None) -> dict | None:
    """The newest checkpoint whose signature verifies, as written (signature
    included), for the export manifest; None when there is none."""
    folder = checkpoint_dir(directory)
    if not folder.is_dir():
        return None
    key = checkpoint_key()
    for path in sorted(folder.glob("checkpoint-*.json"), reverse=True):
        if _load(path, key).ok:
            return json.loads(path.read_text(encoding="utf-8"))
    return None
