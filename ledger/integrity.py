"""Verifying the ledger: is what is stored still what was posted?

``ledger_verify`` re-derives every invariant of the posted ledger from the stored rows
and reports each breach as a ``Problem``. It reads the ledger in pages of
``PAGE_SIZE`` entries ordered by ``chain_seq`` (keyset pagination), so memory stays
flat however long the ledger grows. The checks:

    (a) hash chain: ``chain_seq`` runs 1..N without gaps, each ``prev_hash`` is the
        previous entry's ``hash`` (``GENESIS`` for the first) and each stored ``hash``
        equals the hash recomputed from the entry and its lines; the chain counter
        agrees with the last position (so deleting the newest entry shows too);
    (b) numbering: per fiscal year ``seq`` runs 1..n without gaps in posting order,
        ``number`` is ``entry_number(year, seq)`` and ``fiscal_year`` is the date's
        year; the year counters agree with the highest number;
    (c) every posted entry has two or more lines and balances per currency;
    (d) the maintained ``AccountPeriodTotal`` rows equal the sums of posted lines per
        (account, year, month, currency);
    (e) a reversal mirrors the lines of the entry it reverses;
    (f) every check other apps registered with ``register_check``.

Problems about entries carry the entry's chain position, so the report is in posting
order and its first such problem names the *first broken entry*. Registered checks
return ``Problem`` lists and must only read.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Prefetch, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from ledger.hashing import GENESIS, entry_hash
from ledger.models import (
    AccountPeriodTotal,
    EntryStatus,
    JournalEntry,
    JournalLine,
    Sequence,
    Side,
)

__all__ = ["Problem", "VerifyReport", "ledger_verify", "register_check"]

logger = logging.getLogger(__name__)

PAGE_SIZE = 2000
ZERO = Decimal(0)
_DEC = DecimalField(max_digits=28, decimal_places=2)

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


# --- The chain walk (checks a, b, c, e)
# ------------------------------------------------------------------------


def _entry_pages():
    """Posted entries in chain order, ``PAGE_SIZE`` at a time, lines prefetched."""
    lines = JournalLine.objects.select_related("account", "member").order_by("id")
    base = (
        JournalEntry.objects.filter(status=EntryStatus.POSTED)
        .select_related("reverses")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .order_by("chain_seq")
    )
    last = 0
    while True:
        page = list(base.filter(chain_seq__gt=last)[:PAGE_SIZE])
        if not page:
            return
        yield page
        last = page[-1].chain_seq


def _mirror_key(line: JournalLine, *, flip: bool) -> tuple:
    side = line.side
    if flip:
        side = Side.CREDIT if side == Side.DEBIT else Side.DEBIT
    return (
        line.account_id,
        side,
        line.amount.amount,
        str(line.amount.currency),
        line.member_id,
    )


class _Walk:
    """State carried from one entry to the next while walking the chain."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.count = 0
        self.first_number: str | None = None
        self.last_number: str | None = None
        self.prev_chain = 0
        self.prev_hash = GENESIS
        # per fiscal year: highest seq seen, seqs seen below it (out of order),
        # and seqs that looked missing when a jump was seen: seq -> position.
        self.year_max: dict[int, int] = {}
        self.late: dict[int, set[int]] = defaultdict(set)
        self.gaps: dict[int, dict[int, Position]] = defaultdict(dict)

    def add(self, entry: JournalEntry | None, message: str, *, number=None, pos=None):
        if entry is not None:
            number, pos = entry.number, (entry.chain_seq, 1)
        self.problems.append(Problem(number=number, message=message, position=pos))

    def visit(self, entry: JournalEntry, originals: dict[int, list[JournalLine]]):
        self.count += 1
        self.first_number = self.first_number or entry.number
        self.last_number = entry.number
        lines = list(entry.lines.all())
        self._chain(entry, lines)
        self._numbering(entry)
        self._balance(entry, lines)
        if entry.reverses_id:
            self._mirror(entry, lines, originals.get(entry.reverses_id, []))
        self.prev_chain = entry.chain_seq
        self.prev_hash = entry.hash

    def _chain(self, entry: JournalEntry, lines: list[JournalLine]) -> None:
        expected = self.prev_chain + 1
        if entry.chain_seq != expected:
            self.add(
                entry,
                f"chain position jumps from {self.prev_chain} to {entry.chain_seq}: "
                f"{entry.chain_seq - expected} posted entries are missing",
            )
        if entry.prev_hash != self.prev_hash:
            self.add(
                entry,
                "prev_hash does not match the hash of the entry before it in the "
                "chain (an entry was removed, inserted or reordered)",
            )
        if entry_hash(entry, lines, prev_hash=entry.prev_hash) != entry.hash:
            self.add(
                entry,
                "stored hash does not match its content: the entry or its lines "
                "were altered after posting",
            )

    def _numbering(self, entry: JournalEntry) -> None:
        from ledger.services import entry_number

        year, seq = entry.fiscal_year, entry.seq
        if year != entry.date.year:
            self.add(entry, f"fiscal year {year} is not the year of {entry.date}")
        if entry.number != entry_number(year=year, seq=seq):
            self.add(
                entry,
                f"number does not match fiscal year {year} and sequence {seq} "
                f"(expected {entry_number(year=year, seq=seq)})",
            )
        top = self.year_max.get(year, 0)
        if seq <= top:
            self.late[year].add(seq)
            self.add(
                entry,
                f"sequence {seq} of {year} comes after sequence {top} in posting "
                "order (numbers were swapped or rewritten)",
            )
            return
        for missing in range(top + 1, seq):
            self.gaps[year].setdefault(missing, (entry.chain_seq, 0))
        self.year_max[year] = seq

    def _balance(self, entry: JournalEntry, lines: list[JournalLine]) -> None:
        if len(lines) < 2:
            self.add(entry, f"has {len(lines)} line(s); a posted entry needs two")
        net: dict[str, Decimal] = defaultdict(Decimal)
        for line in lines:
            amount = line.amount.amount
            net[str(line.amount.currency)] += (
                amount if line.side == Side.DEBIT else -amount
            )
        for code, value in sorted(net.items()):
            if value != 0:
                self.add(entry, f"does not balance: {code} debit - credit = {value}")

    def _mirror(self, entry, lines, original_lines) -> None:
        original = entry.reverses
        if original.status != EntryStatus.POSTED:
            self.add(entry, f"reverses {original} which is not a posted entry")
            return
        mine = Counter(_mirror_key(line, flip=False) for line in lines)
        theirs = Counter(_mirror_key(line, flip=True) for line in original_lines)
        if mine != theirs:
            self.add(
                entry,
                f"does not mirror the lines of {original.number}, which it reverses",
            )

    def finish(self, counters: dict[str, int]) -> None:
        from ledger.services import CHAIN_KEY, entry_number

        end = (self.prev_chain + 1, 0)
        chain_counter = counters.get(CHAIN_KEY, 0)
        if chain_counter != self.prev_chain:
            self.add(
                None,
                f"the chain counter stands at {chain_counter} but the last posted "
                f"entry is at chain position {self.prev_chain}",
                number=self.last_number,
                pos=end,
            )
        years = set(self.year_max) | {
            int(key.rsplit(":", 1)[1])
            for key in counters
            if key.startswith("ledger:entry:") and key.rsplit(":", 1)[1].isdigit()
        }
        for year in sorted(years):
            top = self.year_max.get(year, 0)
            counter = counters.get(f"ledger:entry:{year}", 0)
            for missing in range(top + 1, counter + 1):
                self.gaps[year].setdefault(missing, end)
            if counter < top:
                self.add(
                    None,
                    f"the {year} number counter stands at {counter} below the "
                    f"highest number posted ({entry_number(year=year, seq=top)})",
                    number=entry_number(year=year, seq=top),
                    pos=end,
                )
            for missing, pos in sorted(self.gaps[year].items()):
                if missing in self.late[year]:
                    continue
                self.add(
                    None,
                    "missing: no posted entry carries this number (numbering gap; "
                    "a posted entry was deleted)",
                    number=entry_number(year=year, seq=missing),
                    pos=pos,
                )


def _originals(page: list[JournalEntry]) -> dict[int, list[JournalLine]]:
    """Lines of the entries that this page's reversals reverse (one query)."""
    ids = {entry.reverses_id for entry in page if entry.reverses_id}
    if not ids:
        return {}
    result: dict[int, list[JournalLine]] = defaultdict(list)
    lines = JournalLine.objects.filter(
        entry_id__in=ids, entry__status=EntryStatus.POSTED
    ).order_by("id")
    for line in lines:
        result[line.entry_id].append(line)
    return dict(result)


# --- Maintained totals (check d)
# ------------------------------------------------------------------------------


def _side_sum(side: str):
    return Coalesce(
        Sum(Case(When(side=side, then=F("amount")), default=Value(ZERO))),
        Value(ZERO),
        output_field=_DEC,
    )


def _plain(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def _totals_problems() -> list[Problem]:
    from_lines = (
        JournalLine.objects.filter(entry__status=EntryStatus.POSTED)
        .annotate(y=ExtractYear("entry__date"), m=ExtractMonth("entry__date"))
        .values("account_id", "account__code", "y", "m", "amount_currency")
        .annotate(debit=_side_sum(Side.DEBIT), credit=_side_sum(Side.CREDIT))
        .order_by()
    )
    lines = {
        (row["account_id"], row["y"], row["m"], row["amount_currency"]): row
        for row in from_lines
    }
    stored = {
        (row["account_id"], row["year"], row["month"], row["currency"]): row
        for row in AccountPeriodTotal.objects.values(
            "account_id",
            "account__code",
            "year",
            "month",
            "currency",
            "debit",
            "credit",
        )
    }
    problems = []
    for key in sorted(set(lines) | set(stored)):
        _, year, month, code = key
        account = (lines.get(key) or stored[key])["account__code"]
        where = f"account {account} {year:04d}-{month:02d} {code}"
        if key not in stored:
            problems.append(
                Problem(None, f"{where}: posted lines have no maintained total")
            )
        elif key not in lines:
            problems.append(
                Problem(None, f"{where}: maintained total has no posted lines")
            )
        else:
            have, want = stored[key], lines[key]
            if have["debit"] != want["debit"] or have["credit"] != want["credit"]:
                problems.append(
                    Problem(
                        None,
                        f"{where}: maintained total is debit {_plain(have['debit'])}"
                        f" / credit {_plain(have['credit'])} but the lines sum to "
                        f"debit {_plain(want['debit'])} / credit "
                        f"{_plain(want['credit'])}",
                    )
                )
    return problems


# --- Registered checks (f)
# ------------------------------------------------------------------------------------


def _registered_problems() -> list[Problem]:
    problems: list[Problem] = []
    for check in list(_checks):
        name = f"{check.__module__}.{check.__qualname__}"
        try:
            problems.extend(check())
        except Exception as exc:  # a broken check must fail verification, not crash it
            logger.exception("ledger check %s raised", name)
            problems.append(Problem(None, f"check {name} could not run: {exc!r}"))
    return problems


def ledger_verify() -> VerifyReport:
    """Recompute every invariant of the posted ledger from the stored rows.

    Returns:
        A ``VerifyReport``; ``ok`` is True when no problem was found. Problems about
        entries come first, in posting order; then maintained totals; then the
        problems of registered checks.
    """
    walk = _Walk()
    for page in _entry_pages():
        originals = _originals(page)
        for entry in page:
            walk.visit(entry, originals)
    counters = dict(
        Sequence.objects.filter(key__startswith="ledger:").values_list(
            "key", "last_value"
        )
    )
    walk.finish(counters)
    chain = sorted(walk.problems, key=lambda problem: problem.position)
    problems = chain + _totals_problems() + _registered_problems()
    return VerifyReport(
        ok=not problems,
        problems=problems,
        entry_count=walk.count,
        first_number=walk.first_number,
        last_number=walk.last_number,
        head_hash=walk.prev_hash,
    )
