"""The chain walk: hash chain, numbering, balance and reversal mirrors (checks a, b,
c and e of ``ledger.integrity``), one page of entries at a time."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Prefetch

from ledger.hashing import GENESIS, entry_hash
from ledger.integrity.report import Position, Problem
from ledger.models import EntryStatus, JournalEntry, JournalLine, Side

PAGE_SIZE = 2000


def entry_pages():
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


class Walk:
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


def originals(page: list[JournalEntry]) -> dict[int, list[JournalLine]]:
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
