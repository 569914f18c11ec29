"""The chain walk: hash chain, numbering, balance and reversal mirrors (checks a, b,
c and e of ``ledger.integrity``).

Entries are read ``PAGE_SIZE`` at a time in chain order (keyset on ``chain_seq``) as
plain tuples (``values_list``), their lines in one query per page, so memory stays
flat and no model instance is built. The walk can start after a verified checkpoint
(``Start``): then it reads only what was posted since.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from audit.chain import utc_column
from ledger.hashing import GENESIS, canonical
from ledger.integrity.report import Position, Problem
from ledger.models import EntryStatus, JournalEntry, JournalLine, Side

PAGE_SIZE = 5000
_DEBIT = Side.DEBIT.value
_FLIP = {Side.DEBIT.value: Side.CREDIT.value, Side.CREDIT.value: Side.DEBIT.value}
_ENTRY_COLUMNS = (
    "id",
    "chain_seq",
    "number",
    "fiscal_year",
    "seq",
    "date",
    "description",
    "source",
    "reference",
    "reverses_id",
    "reverses__number",
    "reverses__status",
    "posted_at",  # replaced by utc_column("posted_at") when read
    "posted_by_id",
    "prev_hash",
    "hash",
)
_LINE_COLUMNS = (
    "entry_id",
    "account_id",
    "account__code",
    "side",
    "amount",
    "amount_currency",
    "member_id",
    "member__number",
    "memo",
)


@dataclass(frozen=True)
class Start:
    """Where the walk starts: after chain position ``chain_seq`` whose hash is
    ``head_hash``, with each fiscal year's last number ``year_seqs``."""

    chain_seq: int = 0
    head_hash: str = GENESIS
    year_seqs: dict[int, int] = field(default_factory=dict)


def entry_pages(after: int = 0):
    """Posted entries after chain position ``after``, as (entries, lines by entry id)
    pages in chain order."""
    columns = [
        utc_column(name) if name == "posted_at" else name for name in _ENTRY_COLUMNS
    ]
    base = (
        JournalEntry.objects.filter(status=EntryStatus.POSTED)
        .order_by("chain_seq")
        .values_list(*columns)
    )
    last = after
    while True:
        page = list(base.filter(chain_seq__gt=last)[:PAGE_SIZE])
        if not page:
            return
        lines: dict[int, list[tuple]] = defaultdict(list)
        rows = (
            JournalLine.objects.filter(entry_id__in=[row[0] for row in page])
            .order_by("entry_id", "id")
            .values_list(*_LINE_COLUMNS)
        )
        for row in rows:
            lines[row[0]].append(row)
        yield page, lines
        last = page[-1][1]


def originals(page: list[tuple]) -> dict[int, list[tuple]]:
    """Lines of the entries that this page's reversals reverse (one query)."""
    ids = {row[9] for row in page if row[9]}
    if not ids:
        return {}
    result: dict[int, list[tuple]] = defaultdict(list)
    rows = (
        JournalLine.objects.filter(entry_id__in=ids, entry__status=EntryStatus.POSTED)
        .order_by("entry_id", "id")
        .values_list(*_LINE_COLUMNS)
    )
    for row in rows:
        result[row[0]].append(row)
    return dict(result)


def _mirror_key(line: tuple, *, flip: bool) -> tuple:
    _, account_id, _, side, amount, currency, member_id, _, _ = line
    return (account_id, _FLIP[side] if flip else side, amount, currency, member_id)


class Walk:
    """State carried from one entry to the next while walking the chain."""

    def __init__(self, start: Start | None = None) -> None:
        start = start or Start()
        self.problems: list[Problem] = []
        self.count = 0
        self.first_number: str | None = None
        self.last_number: str | None = None
        self.prev_chain = start.chain_seq
        self.prev_hash = start.head_hash
        # per fiscal year: highest seq seen, seqs seen below it (out of order),
        # and seqs that looked missing when a jump was seen: seq -> position.
        self.year_max: dict[int, int] = dict(start.year_seqs)
        self.late: dict[int, set[int]] = defaultdict(set)
        self.gaps: dict[int, dict[int, Position]] = defaultdict(dict)
        self.prefix = settings.ESTAMA_ENTRY_PREFIX

    def add(self, row: tuple | None, message: str, *, number=None, pos=None):
        if row is not None:
            number, pos = row[2], (row[1], 1)
        self.problems.append(Problem(number=number, message=message, position=pos))

    def visit(self, row: tuple, lines: list[tuple], originals: dict) -> None:
        self.count += 1
        self.first_number = self.first_number or row[2]
        self.last_number = row[2]
        self._chain(row, lines)
        self._numbering(row)
        self._balance(row, lines)
        if row[9]:
            self._mirror(row, lines, originals.get(row[9], []))
        self.prev_chain = row[1]
        self.prev_hash = row[15]

    def _chain(self, row: tuple, lines: list[tuple]) -> None:
        chain_seq, prev_hash, stored = row[1], row[14], row[15]
        expected = self.prev_chain + 1
        if chain_seq != expected:
            self.add(
                row,
                f"chain position jumps from {self.prev_chain} to {chain_seq}: "
                f"{chain_seq - expected} posted entries are missing",
            )
        if prev_hash != self.prev_hash:
            self.add(
                row,
                "prev_hash does not match the hash of the entry before it in the "
                "chain (an entry was removed, inserted or reordered)",
            )
        data = canonical(
            number=row[2],
            date=row[5],
            description=row[6],
            source=row[7],
            reference=row[8],
            reverses_number=row[10] or "",
            posted_at=row[12],
            posted_by_id=row[13],
            prev_hash=prev_hash,
            lines=[
                (line[2], line[3], line[4], line[5], line[7] or "", line[8])
                for line in lines
            ],
        )
        if hashlib.sha256(data).hexdigest() != stored:
            self.add(
                row,
                "stored hash does not match its content: the entry or its lines "
                "were altered after posting",
            )

    def _numbering(self, row: tuple) -> None:
        number, year, seq, date = row[2], row[3], row[4], row[5]
        if year != date.year:
            self.add(row, f"fiscal year {year} is not the year of {date}")
        # = ledger.services.entry_number, inlined: this runs once per entry
        expected = f"{self.prefix}-{year:04d}-{seq:06d}"
        if number != expected:
            self.add(
                row,
                f"number does not match fiscal year {year} and sequence {seq} "
                f"(expected {expected})",
            )
        top = self.year_max.get(year, 0)
        if seq <= top:
            self.late[year].add(seq)
            self.add(
                row,
                f"sequence {seq} of {year} comes after sequence {top} in posting "
                "order (numbers were swapped or rewritten)",
            )
            return
        for missing in range(top + 1, seq):
            self.gaps[year].setdefault(missing, (row[1], 0))
        self.year_max[year] = seq

    def _balance(self, row: tuple, lines: list[tuple]) -> None:
        if len(lines) < 2:
            self.add(row, f"has {len(lines)} line(s); a posted entry needs two")
        net: dict[str, Decimal] = defaultdict(Decimal)
        for line in lines:
            net[line[5]] += line[4] if line[3] == _DEBIT else -line[4]
        for code, value in sorted(net.items()):
            if value != 0:
                self.add(row, f"does not balance: {code} debit - credit = {value}")

    def _mirror(self, row: tuple, lines: list[tuple], original_lines) -> None:
        original = row[10]
        if row[11] != EntryStatus.POSTED:
            self.add(row, f"reverses {original} which is not a posted entry")
            return
        mine = Counter(_mirror_key(line, flip=False) for line in lines)
        theirs = Counter(_mirror_key(line, flip=True) for line in original_lines)
        if mine != theirs:
            self.add(row, f"does not mirror the lines of {original}, which it reverses")

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
