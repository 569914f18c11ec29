"""Beancount and hledger journals of the general ledger.

Invariants:
    - account names: ``<Root>:<Slug>-<code>`` where Root follows the account type
      (Assets, Liabilities, Equity, Income, Expenses), Slug is the Indonesian name in
      ASCII letters, digits and dashes starting with a capital, and the code keeps
      names unique and traceable (``Assets:Kas-1-1100``); both formats use the same
      names and the manifest lists the mapping;
    - every leaf account is declared (``open`` / ``account``) and the commodity IDR is
      declared, so ``bean-check`` and ``hledger check --strict`` accept the file;
    - one transaction per entry, with its number and hash as metadata (Beancount) or
      code and tags (hledger); members appear as posting metadata / tags;
    - amounts are plain digits with '.' as decimal mark (``1000000 IDR``), debit
      positive, credit negative;
    - a range that starts after the first entry opens with one "Saldo awal"
      transaction dated the day before, carrying every balance as of that day, so the
      per-account totals of the file equal the trial balance as of the range's end.
Text is streamed line by line from ``ledger_lines``; memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

from ledger import currency as cur
from ledger.models import Account, AccountType, Side
from ledger.selectors import posted_lines, totals_as_of
from reports.exports.general_ledger import CHUNK_SIZE

ROOTS = {
    AccountType.ASSET: "Assets",
    AccountType.LIABILITY: "Liabilities",
    AccountType.EQUITY: "Equity",
    AccountType.REVENUE: "Income",
    AccountType.EXPENSE: "Expenses",
}
HLEDGER_TYPES = {
    AccountType.ASSET: "A",
    AccountType.LIABILITY: "L",
    AccountType.EQUITY: "E",
    AccountType.REVENUE: "R",
    AccountType.EXPENSE: "X",
}
OPEN_DATE = dt.date(2000, 1, 1)
FORMATS = ("beancount", "hledger")


def journal_account_name(account: Account) -> str:
    """``Assets:Kas-1-1100``: valid in Beancount and hledger."""
    ascii_name = (
        unicodedata.normalize("NFKD", account.name).encode("ascii", "ignore").decode()
    )
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-") or "Akun"
    slug = slug[0].upper() + slug[1:]
    code = re.sub(r"[^A-Za-z0-9]+", "-", account.code).strip("-")
    return f"{ROOTS[account.type]}:{slug}-{code}"


def account_mapping() -> dict[str, dict[str, str]]:
    """Code -> the names used in each format (and the ledger's own name)."""
    return {
        a.code: {
            "name": a.name,
            "beancount": journal_account_name(a),
            "hledger": journal_account_name(a),
        }
        for a in Account.objects.filter(is_group=False).order_by("code")
    }


def _amount(value: Decimal, currency: str) -> str:
    return cur.plain(value, currency)


def _bean_str(text: str) -> str:
    text = " ".join((text or "").split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _hledger_text(text: str) -> str:
    # ';' would start a comment in hledger; newlines would end the transaction.
    return " ".join((text or "").replace(";", ",").split()) or "-"


def _tag(text: str) -> str:
    return re.sub(r"[\s,;]+", "_", text or "")


def _opening(start: dt.date | None, accounts: dict[int, Account]):
    """(date, [(account, net)]) of balances before ``start``; empty when nothing."""
    if start is None or start <= OPEN_DATE:
        return None, []
    day = start - dt.timedelta(days=1)
    totals = totals_as_of(as_of=day)
    rows = [
        (accounts[pk], value.net)
        for pk, value in totals.items()
        if value.net != 0 and pk in accounts
    ]
    rows.sort(key=lambda item: item[0].code)
    return day, rows


def _entries(start: dt.date | None, end: dt.date):
    """Posted lines grouped per entry, in ledger order."""
    lines = posted_lines().filter(entry__date__lte=end)
    if start is not None:
        lines = lines.filter(entry__date__gte=start)
    rows = (
        lines.order_by("entry__date", "entry__chain_seq", "id")
        .values_list(
            "entry_id",
            "entry__number",
            "entry__date",
            "entry__description",
            "entry__source",
            "entry__hash",
            "account_id",
            "side",
            "amount",
            "amount_currency",
            "member__number",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    return itertools.groupby(rows, key=lambda row: row[0])


def journal_chunks(
    *, fmt: str, start: dt.date | None, end: dt.date, on_progress=None
) -> Iterator[str]:
    """The journal text in ``fmt`` (beancount | hledger), a few lines at a time;
    ``on_progress(n)`` is told how many ledger lines each entry written had."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    accounts = {a.pk: a for a in Account.objects.filter(is_group=False)}
    names = {pk: journal_account_name(a) for pk, a in accounts.items()}
    bean = fmt == "beancount"
    indent = "  " if bean else "    "
    span = f"{start.isoformat() if start else '...'} .. {end.isoformat()}"
    yield f"; Estama general ledger {span} ({fmt})\n"
    yield "; Account names: <Root>:<Name>-<code>; see the manifest for the mapping.\n\n"
    if bean:
        yield 'option "title" "Estama"\n'
        yield 'option "operating_currency" "IDR"\n\n'
        yield f"{OPEN_DATE} commodity IDR\n"
        for pk in sorted(accounts, key=lambda pk: accounts[pk].code):
            yield f"{OPEN_DATE} open {names[pk]} {accounts[pk].currency}\n"
    else:
        yield "commodity IDR\n"
        for pk in sorted(accounts, key=lambda pk: accounts[pk].code):
            kind = HLEDGER_TYPES[accounts[pk].type]
            yield f"account {names[pk]}  ; type: {kind}\n"
    yield "\n"
    day, opening = _opening(start, accounts)
    if opening:
        title = f"Saldo awal per {day.isoformat()}"
        yield (f"{day} * {_bean_str(title)}\n" if bean else f"{day} * {title}\n")
        for account, net in opening:
            yield f"{indent}{names[account.pk]}  {_amount(net, account.currency)} "
            yield f"{account.currency}\n"
        yield "\n"
    for _, group in _entries(start, end):
        rows = list(group)
        if on_progress:
            on_progress(len(rows))
        _, number, date, description, source, entry_hash = rows[0][:6]
        if bean:
            yield f"{date} * {_bean_str(description)}\n"
            yield f'{indent}entry: "{number}"\n'
            yield f'{indent}hash: "{entry_hash}"\n'
            yield f'{indent}source: "{source}"\n'
        else:
            yield (
                f"{date} * ({number}) {_hledger_text(description)}"
                f"  ; hash:{entry_hash}, source:{source}\n"
            )
        for row in rows:
            account_id, side, amount, currency, member = row[6:11]
            value = Decimal(amount) if side == Side.DEBIT else -Decimal(amount)
            posting = (
                f"{indent}{names[account_id]}  {_amount(value, currency)} {currency}"
            )
            if bean:
                yield posting + "\n"
                if member:
                    yield f"{indent}{indent}member: {_bean_str(member)}\n"
            else:
                yield posting + (f"  ; member:{_tag(member)}" if member else "") + "\n"
        yield "\n"


__all__ = ["FORMATS", "account_mapping", "journal_account_name", "journal_chunks"]
