"""What verification reports: ``Problem`` and ``VerifyReport``, and the registry of
checks other apps add (``register_check``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

# Sort key of a problem inside the chain: (chain position, 0 for "missing just before
# this position" / 1 for "about the entry at this position").
Position = tuple[int, int]


@dataclass(frozen=True)
class Problem:
    """One breach of a ledger invariant.

    ``number`` is the entry number the problem is about (None when it concerns no
    single entry, e.g. a maintained total). ``position`` is internal: the chain
    position used to order problems in posting order.
    """

    number: str | None
    message: str
    position: Position | None = field(default=None, compare=False, repr=False)

    def as_dict(self) -> dict[str, str | None]:
        return {"number": self.number, "message": self.message}


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    problems: list[Problem]
    entry_count: int
    first_number: str | None
    last_number: str | None
    head_hash: str
    # "full" or "incremental"; an incremental run verified the entries and audit
    # events after chain position ``verified_from`` / audit event ``audit_from``.
    mode: str = "full"
    verified_from: int = 0
    audit_from: int = 0
    audit_count: int = 0
    audit_head_hash: str = "0" * 64
    chain_seq: int = 0
    checkpoints: int = 0
    start_checkpoint: str | None = None
    # The state verified (for the checkpoint a successful run writes); not reported.
    state: Any = field(default=None, compare=False, repr=False)

    @property
    def first_broken(self) -> Problem | None:
        """The earliest problem in posting order that names an entry, else the first
        problem of any kind (None when the ledger verifies)."""
        for problem in self.problems:
            if problem.number is not None:
                return problem
        return self.problems[0] if self.problems else None

    def as_dict(self) -> dict:
        first = self.first_broken
        return {
            "ok": self.ok,
            "entry_count": self.entry_count,
            "first_number": self.first_number,
            "last_number": self.last_number,
            "head_hash": self.head_hash,
            "mode": self.mode,
            "verified_from": self.verified_from,
            "chain_seq": self.chain_seq,
            "audit_from": self.audit_from,
            "audit_count": self.audit_count,
            "audit_head_hash": self.audit_head_hash,
            "checkpoints": self.checkpoints,
            "start_checkpoint": self.start_checkpoint,
            "first_broken": first.number if first else None,
            "problems": [problem.as_dict() for problem in self.problems],
        }


Check = Callable[[], list[Problem]]
_checks: list[Check] = []


def register_check(fn: Check) -> Check:
    """Add ``fn`` (no arguments, returns a list of ``Problem``) to what
    ``ledger_verify`` runs after its own checks. Usable as a decorator; registering the
    same function twice has no effect. Call it from an ``AppConfig.ready()``."""
    if fn not in _checks:
        _checks.append(fn)
    return fn


def registered_problems() -> list[Problem]:
    problems: list[Problem] = []
    for check in list(_checks):
        name = f"{check.__module__}.{check.__qualname__}"
        try:
            problems.extend(check())
        except Exception as exc:  # a broken check must fail verification, not crash it
            logger.exception("ledger check %s raised", name)
            problems.append(Problem(None, f"check {name} could not run: {exc!r}"))
    return problems
