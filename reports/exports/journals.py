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
Text is streamed a batch of lines at a time from ``rows.line_batches``; memory stays
flat.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

from ledger import currency as cur
from ledger.models import Account, AccountType, Side
from ledger.selectors import totals_as_of
from reports.exports.rows import AmountFormats, line_batches

DEBIT = Side.DEBIT.value

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


def journal_chunks(
    *, fmt: str, start: dt.date | None, end: dt.date, on_progress=None
) -> Iterator[str]:
    """The journal text in ``fmt`` (beancount | hledger): the header, then chunks
    of the entries of up to ``rows.BATCH`` lines each; ``on_progress(n)`` after each
    chunk of n ledger lines."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    accounts = {a.pk: a for a in Account.objects.filter(is_group=False)}
    names = {pk: journal_account_name(a) for pk, a in accounts.items()}
    bean = fmt == "beancount"
    yield _header(fmt, start, end, accounts, names)
    day, opening = _opening(start, accounts)
    if opening:
        yield _opening_text(bean, day, opening, names)
    body = _bean_body if bean else _hledger_body
    yield from body(start, end, names, on_progress)


def _header(fmt, start, end, accounts, names) -> str:
    span = f"{start.isoformat() if start else '...'} .. {end.isoformat()}"
    out = [
        f"; Estama general ledger {span} ({fmt})\n",
        "; Account names: <Root>:<Name>-<code>; see the manifest for the mapping.\n\n",
    ]
    ordered = sorted(accounts, key=lambda pk: accounts[pk].code)
    if fmt == "beancount":
        out.append('option "title" "Estama"\n')
        out.append('option "operating_currency" "IDR"\n\n')
        out.append(f"{OPEN_DATE} commodity IDR\n")
        out.extend(
            f"{OPEN_DATE} open {names[pk]} {accounts[pk].currency}\n" for pk in ordered
        )
    else:
        out.append("commodity IDR\n")
        out.extend(
            f"account {names[pk]}  ; type: {HLEDGER_TYPES[accounts[pk].type]}\n"
            for pk in ordered
        )
    out.append("\n")
    return "".join(out)


def _opening_text(bean: bool, day: dt.date, opening, names) -> str:
    title = f"Saldo awal per {day.isoformat()}"
    indent = "  " if bean else "    "
    out = [f"{day} * {_bean_str(title)}\n" if bean else f"{day} * {title}\n"]
    for account, net in opening:
        amount = _amount(net, account.currency)
        out.append(f"{indent}{names[account.pk]}  {amount} {account.currency}\n")
    out.append("\n")
    return "".join(out)


def _signed(formats: AmountFormats, side: str, amount, currency: str) -> str:
    text = formats[currency](amount)
    return text if side == DEBIT else "-" + text


def _bean_body(start, end, names, on_progress=None) -> Iterator[str]:
    """Beancount transactions; an entry's header line is written when its first
    line arrives, the blank line that closes it when the next entry starts."""
    formats = AmountFormats()
    last_entry = None
    for rows in line_batches(start=start, end=end):
        out = []
        add = out.append
        for row in rows:
            entry_id, number, date, description, source, entry_hash = row[:6]
            account_id, side, amount, currency, member = row[6:11]
            if entry_id != last_entry:
                if last_entry is not None:
                    add("\n")
                last_entry = entry_id
                add(
                    f"{date} * {_bean_str(description)}\n"
                    f'  entry: "{number}"\n  hash: "{entry_hash}"\n'
                    f'  source: "{source}"\n'
                )
            value = _signed(formats, side, amount, currency)
            add(f"  {names[account_id]}  {value} {currency}\n")
            if member:
                add(f"    member: {_bean_str(member)}\n")
        if on_progress:
            on_progress(len(rows))
        yield "".join(out)
    if last_entry is not None:
        yield "\n"


def _hledger_body(start, end, names, on_progress=None) -> Iterator[str]:
    """hledger transactions, closed the same way as ``_bean_body``."""
    formats = AmountFormats()
    last_entry = None
    for rows in line_batches(start=start, end=end):
        out = []
        add = out.append
        for row in rows:
            entry_id, number, date, description, source, entry_hash = row[:6]
            account_id, side, amount, currency, member = row[6:11]
            if entry_id != last_entry:
                if last_entry is not None:
                    add("\n")
                last_entry = entry_id
                add(
                    f"{date} * ({number}) {_hledger_text(description)}"
                    f"  ; hash:{entry_hash}, source:{source}\n"
                )
            value = _signed(formats, side, amount, currency)
            posting = f"    {names[account_id]}  {value} {currency}"
            add(f"{posting}  ; member:{_tag(member)}\n" if member else posting + "\n")
        if on_progress:
            on_progress(len(rows))
        yield "".join(out)
    if last_entry is not None:
        yield "\n"


__all__ = ["FORMATS", "account_mapping", "journal_account_name", "journal_chunks"]
