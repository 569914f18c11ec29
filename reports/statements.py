"""Financial statements computed from the ledger only.

Invariants:
    - every amount comes from ``ledger.selectors`` totals (maintained per-month totals
      plus at most one month of lines) or, for the cash flow, from the posted lines of
      the requested range; no statement scans the whole ledger;
    - the balance sheet balances as of any date: the unclosed result (revenue minus
      expense balances not yet closed) is shown inside SHU tahun berjalan (3-3200);
    - the income statement of a range ignores closing entries (and their reversals), so
      a closed year shows the same result as before it was closed, and that result is
      the change in SHU tahun berjalan made by the closing entry;
    - the cash flow's opening plus its net change equals its closing cash and bank
      balance (accounts cash, petty cash and bank).
Signs: assets and expenses are shown debit-positive, the rest credit-positive, so contra
accounts (accumulated depreciation, sales returns) appear negative in their section.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from ledger.chart import account_code
from ledger.models import Account, AccountType, EntrySource
from ledger.selectors import Totals, posted_lines, totals_as_of, totals_between
from ledger.selectors import _signed_sums as signed_sums  # the ledger's one copy
from members.accounts import CAPITAL_LIABILITY
from reports.labels import account_label, label

ZERO = Decimal(0)

MEMBER_REVENUE_ROLES = (
    "sales_member",
    "training_member",
    "consulting_member",
    "dues_revenue",
)
PUBLIC_REVENUE_ROLES = ("sales_public", "training_public", "consulting_public")
CASH_ROLES = ("cash", "petty_cash", "bank")
#: Counter-accounts whose cash flows are financing: members' capital and savings, SHU
#: paid to members, and every equity account.
FINANCING_ROLES = ("sukarela", "leaving_member_payable", "shu_member_payable")


@dataclass(frozen=True)
class Line:
    """One row of a statement. ``kind``: heading | account | subtotal | total."""

    key: str
    label: str
    amounts: tuple[Decimal | None, ...]
    kind: str = "account"
    code: str = ""


@dataclass
class Statement:
    kind: str
    title: str
    lang: str
    columns: list[str]
    lines: list[Line] = field(default_factory=list)
    totals: dict[str, Decimal] = field(default_factory=dict)
    as_of: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def heading(self, key: str) -> None:
        self.lines.append(
            Line(key, label(key, self.lang), (None,) * len(self.columns), "heading")
        )

    def account(self, account: Account, *amounts: Decimal) -> None:
        self.lines.append(
            Line(
                f"account:{account.code}",
                account_label(account, self.lang),
                tuple(amounts),
                "account",
                account.code,
            )
        )

    def total(self, key: str, *amounts: Decimal, kind: str = "total", text=None):
        if text is None and key.startswith("subtotal:"):
            # "Jumlah pendapatan usaha dari anggota", not the raw key.
            section = label(key.split(":", 1)[1], self.lang)
            text = f"{label('subtotal', self.lang)} {section[:1].lower()}{section[1:]}"
        self.lines.append(
            Line(key, text or label(key, self.lang), tuple(amounts), kind)
        )


def _leaves() -> dict[int, Account]:
    return {
        a.pk: a for a in Account.objects.filter(is_group=False).select_related("parent")
    }


def _shown(account: Account, totals: Totals) -> Decimal:
    """Debit-positive for assets and expenses, credit-positive otherwise."""
    if account.type in (AccountType.ASSET, AccountType.EXPENSE):
        return totals.net
    return -totals.net


def _unclosed_result(accounts: dict[int, Account], totals: dict[int, Totals]):
    """Revenue minus expense balances not (yet) closed into SHU tahun berjalan."""
    result = ZERO
    for account_id, value in totals.items():
        account = accounts.get(account_id)
        if account is None:
            continue
        if account.type in (AccountType.REVENUE, AccountType.EXPENSE):
            result -= value.net
    return result


def _codes(roles) -> set[str]:
    return {account_code(role) for role in roles}


def balance_sheet(*, as_of: dt.date, lang: str = "id") -> Statement:
    """Laporan posisi keuangan as of a date (inclusive).

    Returns:
        A ``Statement`` with totals ``assets``, ``liabilities``, ``equity``,
        ``liabilities_and_equity`` and ``current_result`` (the unclosed result shown
        in SHU tahun berjalan); ``assets == liabilities_and_equity`` always.
    """
    accounts = _leaves()
    totals = totals_as_of(as_of=as_of)
    result = _unclosed_result(accounts, totals)
    shu_current = account_code("shu_current")
    st = Statement(
        "balance_sheet", label("balance_sheet", lang), lang, [label("amount", lang)]
    )
    st.as_of = as_of
    sums: dict[str, Decimal] = {}
    for type_, key in (
        (AccountType.ASSET, "assets"),
        (AccountType.LIABILITY, "liabilities"),
        (AccountType.EQUITY, "equity"),
    ):
        st.heading(key)
        section = ZERO
        by_group: dict[str, list[tuple[Account, Decimal]]] = defaultdict(list)
        for account in sorted(accounts.values(), key=lambda a: a.code):
            if account.type != type_:
                continue
            amount = _shown(account, totals.get(account.pk, Totals()))
            if account.code == shu_current:
                amount += result
            if amount:
                by_group[account.parent.code if account.parent else ""].append(
                    (account, amount)
                )
        for group_code in sorted(by_group):
            rows = by_group[group_code]
            parent = rows[0][0].parent
            name = ""
            if parent is not None:
                name = (
                    parent.name_en if lang == "en" and parent.name_en else parent.name
                )
                st.lines.append(
                    Line(f"group:{group_code}", name, (None,), "heading", group_code)
                )
            group_sum = ZERO
            for account, amount in rows:
                st.account(account, amount)
                group_sum += amount
            st.total(
                f"subtotal:{group_code}",
                group_sum,
                kind="subtotal",
                text=f"{label('subtotal', lang)} {name}".strip(),
            )
            section += group_sum
        st.total(f"total_{key}", section)
        sums[key] = section
    both = sums["liabilities"] + sums["equity"]
    st.total("total_liabilities_equity", both)
    st.totals = {
        "assets": sums["assets"],
        "liabilities": sums["liabilities"],
        "equity": sums["equity"],
        "liabilities_and_equity": both,
        "current_result": result,
    }
    return st


def _closing_totals(start: dt.date, end: dt.date) -> dict[int, Totals]:
    """Per-account totals of closing entries (and reversals of closing entries) in the
    range: a handful of entries a year, read from their lines."""
    rows = (
        posted_lines()
        .filter(entry__date__gte=start, entry__date__lte=end)
        .filter(
            Q(entry__source=EntrySource.CLOSING)
            | Q(
                entry__source=EntrySource.REVERSAL,
                entry__reverses__source=EntrySource.CLOSING,
            )
        )
        .values("account_id")
        .annotate(**signed_sums())
    )
    return {r["account_id"]: Totals(r["debit"], r["credit"]) for r in rows}


def operating_totals(*, start: dt.date, end: dt.date) -> dict[int, Totals]:
    """Totals per account of what was posted in the range, closing entries and their
    reversals left out."""
    totals = totals_between(start=start, end=end)
    for account_id, value in _closing_totals(start, end).items():
        current = totals.get(account_id, Totals())
        totals[account_id] = Totals(
            current.debit - value.debit, current.credit - value.credit
        )
    return totals


def income_statement(*, start: dt.date, end: dt.date, lang: str = "id") -> Statement:
    """Laporan perhitungan hasil usaha for a range (inclusive).

    Returns:
        A ``Statement`` with totals ``revenue_member``, ``revenue_non_member``,
        ``returns``, ``revenue``, ``cogs``, ``gross``, ``expenses``, ``other_income``
        and ``result`` (= revenue - cogs - expenses + other income).
    """
    accounts = _leaves()
    totals = operating_totals(start=start, end=end)
    member_codes = _codes(MEMBER_REVENUE_ROLES)
    public_codes = _codes(PUBLIC_REVENUE_ROLES)
    buckets: dict[str, list[tuple[Account, Decimal]]] = defaultdict(list)
    for account in sorted(accounts.values(), key=lambda a: a.code):
        value = totals.get(account.pk)
        if value is None or value.net == 0:
            continue
        amount = _shown(account, value)
        if account.type == AccountType.REVENUE:
            if account.is_contra:
                bucket = "returns"
            elif account.code in member_codes:
                bucket = "revenue_member"
            elif account.code in public_codes:
                bucket = "revenue_non_member"
            else:
                bucket = "other_income"
        elif account.type == AccountType.EXPENSE:
            bucket = "cogs" if account.code.split("-")[0] == "5" else "expenses"
        else:
            continue
        buckets[bucket].append((account, amount))
    st = Statement(
        "income_statement",
        label("income_statement", lang),
        lang,
        [label("amount", lang)],
        start=start,
        end=end,
    )
    sums: dict[str, Decimal] = {}

    def section(key: str) -> Decimal:
        st.heading(key)
        value = ZERO
        for account, amount in buckets.get(key, []):
            st.account(account, amount)
            value += amount
        st.total(f"subtotal:{key}", value, kind="subtotal")
        sums[key] = value
        return value

    section("revenue_member")
    section("revenue_non_member")
    section("returns")
    revenue = sums["revenue_member"] + sums["revenue_non_member"] + sums["returns"]
    st.total("revenue", revenue)
    section("cogs")
    gross = revenue - sums["cogs"]
    st.total("gross", gross)
    section("expenses")
    section("other_income")
    result = gross - sums["expenses"] + sums["other_income"]
    st.total("result", result)
    st.totals = {**sums, "revenue": revenue, "gross": gross, "result": result}
    return st


def equity_changes(*, start: dt.date, end: dt.date, lang: str = "id") -> Statement:
    """Laporan perubahan ekuitas: opening, movement and closing per equity account.

    SHU tahun berjalan includes the unclosed result at both ends (as on the balance
    sheet), so the closing total equals the balance sheet's equity as of ``end``.

    Returns:
        A ``Statement`` with totals ``opening``, ``movement``, ``closing`` and
        ``result`` (the income statement's result of the range).
    """
    accounts = _leaves()
    before = start - dt.timedelta(days=1)
    opening_totals = totals_as_of(as_of=before)
    closing_totals = totals_as_of(as_of=end)
    opening_result = _unclosed_result(accounts, opening_totals)
    closing_result = _unclosed_result(accounts, closing_totals)
    shu_current = account_code("shu_current")
    st = Statement(
        "equity_changes",
        label("equity_changes", lang),
        lang,
        [label("opening", lang), label("movement", lang), label("closing", lang)],
        start=start,
        end=end,
    )
    st.heading("equity")
    total_open = total_close = ZERO
    for account in sorted(accounts.values(), key=lambda a: a.code):
        if account.type != AccountType.EQUITY:
            continue
        opening = _shown(account, opening_totals.get(account.pk, Totals()))
        closing = _shown(account, closing_totals.get(account.pk, Totals()))
        if account.code == shu_current:
            opening += opening_result
            closing += closing_result
        if not opening and not closing:
            continue
        st.account(account, opening, closing - opening, closing)
        total_open += opening
        total_close += closing
    st.total("equity_total", total_open, total_close - total_open, total_close)
    result = income_statement(start=start, end=end, lang=lang).totals["result"]
    st.totals = {
        "opening": total_open,
        "movement": total_close - total_open,
        "closing": total_close,
        "result": result,
    }
    return st


def cash_account_ids() -> list[int]:
    return list(
        Account.objects.filter(code__in=_codes(CASH_ROLES)).values_list("pk", flat=True)
    )


def cash_balance(*, as_of: dt.date, cash_ids: list[int] | None = None) -> Decimal:
    """Cash plus petty cash plus bank as of a date (inclusive)."""
    ids = cash_ids if cash_ids is not None else cash_account_ids()
    totals = totals_as_of(as_of=as_of, account_ids=ids)
    return sum((value.net for value in totals.values()), ZERO)


def counter_lines(*, start: dt.date, end: dt.date, cash_ids: list[int]):
    """Posted non-cash lines in the range of entries that move cash or bank.

    In a balanced entry the cash movement equals the credit minus debit of its other
    lines, so each counter line's (credit - debit) is exactly the cash it brought in
    (negative: paid out). Transfers between cash accounts have no counter line.
    """
    in_range = posted_lines().filter(entry__date__gte=start, entry__date__lte=end)
    cash_entries = in_range.filter(account_id__in=cash_ids).values("entry_id")
    return in_range.filter(entry_id__in=cash_entries).exclude(account_id__in=cash_ids)


def cash_flow_category(account: Account) -> str:
    """operating | investing | financing, by the counter-account of a cash line.
    Members' pokok and wajib are financing wherever they are booked (equity, or the
    liability accounts of ``ESTAMA_MEMBER_CAPITAL_AS_LIABILITY``)."""
    financing = _codes(FINANCING_ROLES) | set(CAPITAL_LIABILITY.values())
    if account.type == AccountType.EQUITY or account.code in financing:
        return "financing"
    if account.type == AccountType.ASSET and account.code.startswith("1-2"):
        return "investing"
    return "operating"


def cash_flow(*, start: dt.date, end: dt.date, lang: str = "id") -> Statement:
    """Laporan arus kas, direct method, from the cash and bank lines of the range.

    Returns:
        A ``Statement`` with totals ``operating``, ``investing``, ``financing``,
        ``net_change``, ``opening_cash`` and ``closing_cash``
        (``opening_cash + net_change == closing_cash``).
    """
    accounts = _leaves()
    cash_ids = cash_account_ids()
    rows = (
        counter_lines(start=start, end=end, cash_ids=cash_ids)
        .values("account_id")
        .annotate(**signed_sums())
    )
    flows: dict[str, list[tuple[Account, Decimal]]] = defaultdict(list)
    for row in rows:
        account = accounts[row["account_id"]]
        amount = row["credit"] - row["debit"]
        if amount:
            flows[cash_flow_category(account)].append((account, amount))
    st = Statement(
        "cash_flow",
        label("cash_flow", lang),
        lang,
        [label("amount", lang)],
        start=start,
        end=end,
    )
    sums = {}
    for key in ("operating", "investing", "financing"):
        st.heading(key)
        value = ZERO
        for account, amount in sorted(flows.get(key, []), key=lambda r: r[0].code):
            st.account(account, amount)
            value += amount
        st.total(f"subtotal:{key}", value, kind="subtotal")
        sums[key] = value
    net_change = sums["operating"] + sums["investing"] + sums["financing"]
    opening = cash_balance(as_of=start - dt.timedelta(days=1), cash_ids=cash_ids)
    closing = cash_balance(as_of=end, cash_ids=cash_ids)
    st.total("net_change", net_change)
    st.total("opening_cash", opening)
    st.total("closing_cash", closing)
    st.totals = {
        **sums,
        "net_change": net_change,
        "opening_cash": opening,
        "closing_cash": closing,
    }
    return st


def result_between(*, start: dt.date, end: dt.date) -> Decimal:
    """Revenue minus expenses posted in the range, closing entries left out."""
    accounts = _leaves()
    return _unclosed_result(accounts, operating_totals(start=start, end=end))
