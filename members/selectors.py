"""Reads of the members app: balances, open items, statements, arrears.

Balances come from the ledger: a member's simpanan of a kind is the credit balance of
that member's posted lines on the kind's account(s). Members' capital is what members
paid: pokok and wajib are credited only when paid (billing posts nothing, see
``services.billing``), so these balances are paid simpanan, net of refunds; what is
billed and still unpaid is in the member's open items (arrears), never in capital.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ledger.chart import account_code
from ledger.models import Account, EntryStatus, JournalLine, Side
from ledger.selectors import totals_as_of
from members.accounts import (
    capital_account_codes,
    member_credit_code,
    member_money_account_codes,
)
from members.models import ItemStatus, Member, OpenItem
from members.services.common import ZERO, member_line_balances

SHARE_KINDS = ("pokok", "wajib", "sukarela")
_DEC = DecimalField(max_digits=24, decimal_places=2)
OUTSTANDING = ExpressionWrapper(F("amount") - F("paid") - F("waived"), _DEC)


def share_account_codes() -> dict[str, list[str]]:
    """The account codes whose member lines make up each kind of simpanan."""
    return {
        "pokok": capital_account_codes("pokok"),
        "wajib": capital_account_codes("wajib"),
        "sukarela": [account_code("sukarela")],
    }


def _by_kind(balances: dict[str, Decimal]) -> dict[str, Decimal]:
    codes = share_account_codes()
    return {
        kind: sum((balances.get(code, ZERO) for code in kind_codes), ZERO)
        for kind, kind_codes in codes.items()
    }


def member_share_balances(*, member: Member) -> dict[str, Decimal]:
    """{"pokok", "wajib", "sukarela"} -> what the member has paid in (and not had
    back) on those accounts: "Simpanan saya". Unpaid bills are not included."""
    codes = [code for group in share_account_codes().values() for code in group]
    balances = member_line_balances(member_ids=[member.pk], codes=codes)
    return _by_kind({code: net for (_, code), net in balances.items()})


def shares_by_member(*, member_ids: list[int] | None = None) -> dict[int, dict]:
    """Share balances of many members at once (one query): id -> kind -> amount."""
    codes = [code for group in share_account_codes().values() for code in group]
    raw: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for (member_id, code), net in member_line_balances(
        member_ids=member_ids, codes=codes
    ).items():
        raw[member_id][code] = net
    return {member_id: _by_kind(values) for member_id, values in raw.items()}


def share_totals(*, as_of: dt.date | None = None) -> dict[str, Decimal]:
    """Cooperative totals per kind as of a date (today by default), from the ledger's
    maintained account totals: no scan of the member lines. Every line on these
    accounts names its member (``verify_ledger`` checks it), so they equal the sum of
    the members' balances."""
    codes = [code for group in share_account_codes().values() for code in group]
    accounts = dict(Account.objects.filter(code__in=codes).values_list("pk", "code"))
    totals = totals_as_of(
        as_of=as_of or timezone.localdate(), account_ids=list(accounts)
    )
    return _by_kind({accounts[pk]: -value.net for pk, value in totals.items()})


def member_credit(*, member: Member) -> Decimal:
    """Overpayments the member holds as credit (2-1230)."""
    balances = member_line_balances(
        member_ids=[member.pk], codes=[member_credit_code()]
    )
    return max(sum(balances.values(), ZERO), ZERO)


def open_items() -> QuerySet[OpenItem]:
    """Every item (any status) with ``outstanding_amount`` annotated."""
    return (
        OpenItem.objects.select_related("member")
        .annotate(outstanding_amount=OUTSTANDING)
        .order_by("due_date", "kind_order", "id")
    )


def member_open_items(*, member: Member) -> QuerySet[OpenItem]:
    """The member's items with something outstanding, oldest first."""
    return open_items().filter(member=member, status=ItemStatus.OPEN)


def member_outstanding(*, member: Member) -> Decimal:
    total = OpenItem.objects.filter(member=member, status=ItemStatus.OPEN).aggregate(
        total=Coalesce(Sum(OUTSTANDING), Value(ZERO), output_field=_DEC)
    )["total"]
    return total


def members_with_arrears(*, as_of: dt.date) -> QuerySet[Member]:
    """Members with an open item due before ``as_of``, annotated ``in_arrears``."""
    overdue = OpenItem.objects.filter(
        member=OuterRef("pk"), status=ItemStatus.OPEN, due_date__lt=as_of
    )
    return Member.objects.annotate(in_arrears=Exists(overdue))


# --- Statement -------------------------------------------------------------------


@dataclass(frozen=True)
class StatementRow:
    date: dt.date
    entry: str
    description: str
    account: str
    account_name: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


@dataclass
class Statement:
    member: Member
    year: int | None
    opening: dict[str, Decimal] = field(default_factory=dict)
    rows: list[StatementRow] = field(default_factory=list)
    closing: dict[str, Decimal] = field(default_factory=dict)


def member_statement(*, member: Member, year: int | None = None) -> Statement:
    """Every posted line of the member's money (``member_money_account_codes``: not
    the cash or revenue side of their entries), in ledger order, with the running
    balance of its account for the member (normal side: receivables positive when
    the member owes, simpanan/credit positive when the cooperative owes the member).

    ``year`` limits the rows to that year and starts from the opening balances."""
    lines = (
        JournalLine.objects.filter(
            member=member,
            entry__status=EntryStatus.POSTED,
            account__code__in=member_money_account_codes(),
        )
        .select_related("entry", "account")
        .order_by("entry__date", "entry__chain_seq", "id")
    )
    running: dict[str, Decimal] = defaultdict(lambda: ZERO)
    statement = Statement(member=member, year=year)
    if year is not None:
        before = (
            lines.filter(entry__date__lt=dt.date(year, 1, 1))
            .order_by()
            .values("account__code", "account__type", "account__is_contra")
            .annotate(
                net=Coalesce(
                    Sum(
                        Case(
                            When(side=Side.DEBIT, then=F("amount")),
                            default=-F("amount"),
                            output_field=_DEC,
                        )
                    ),
                    Value(ZERO),
                    output_field=_DEC,
                )
            )
        )
        for row in before:
            account = Account(
                type=row["account__type"], is_contra=row["account__is_contra"]
            )
            sign = 1 if account.is_debit_normal else -1
            running[row["account__code"]] = sign * row["net"]
        statement.opening = dict(running)
        lines = lines.filter(entry__date__year=year)
    for line in lines:
        amount = line.amount.amount
        sign = 1 if line.account.is_debit_normal else -1
        signed = amount if line.side == Side.DEBIT else -amount
        running[line.account.code] += sign * signed
        statement.rows.append(
            StatementRow(
                date=line.entry.date,
                entry=line.entry.number,
                description=line.entry.description,
                account=line.account.code,
                account_name=line.account.name,
                debit=amount if line.side == Side.DEBIT else ZERO,
                credit=amount if line.side == Side.CREDIT else ZERO,
                balance=running[line.account.code],
            )
        )
    statement.closing = dict(running)
    return statement


# --- Arrears ---------------------------------------------------------------------

BUCKETS = ("not_due", "d1_30", "d31_90", "d91_180", "over_180")


def _bucket_sums(as_of: dt.date) -> dict:
    def between(q: Q):
        return Coalesce(
            Sum(
                Case(When(q, then=OUTSTANDING), default=Value(ZERO), output_field=_DEC)
            ),
            Value(ZERO),
            output_field=_DEC,
        )

    day = dt.timedelta(days=1)
    return {
        "not_due": between(Q(due_date__gte=as_of)),
        "d1_30": between(Q(due_date__lt=as_of, due_date__gte=as_of - 30 * day)),
        "d31_90": between(
            Q(due_date__lt=as_of - 30 * day, due_date__gte=as_of - 90 * day)
        ),
        "d91_180": between(
            Q(due_date__lt=as_of - 90 * day, due_date__gte=as_of - 180 * day)
        ),
        "over_180": between(Q(due_date__lt=as_of - 180 * day)),
    }


@dataclass
class ArrearsRow:
    number: str
    name: str
    region: str
    buckets: dict[str, Decimal]
    total: Decimal


@dataclass
class ArrearsRegion:
    code: str
    name: str
    members: list[ArrearsRow] = field(default_factory=list)
    totals: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class ArrearsReport:
    as_of: dt.date
    regions: list[ArrearsRegion] = field(default_factory=list)
    totals: dict[str, Decimal] = field(default_factory=dict)


def arrears_report(
    *, as_of: dt.date, region: str | None = None, member: Member | None = None
) -> ArrearsReport:
    """Outstanding open items per member in ageing buckets by days past due as of
    ``as_of`` (not yet due, 1-30, 31-90, 91-180, over 180), grouped by region, with
    totals. One aggregate query."""
    items = OpenItem.objects.filter(status=ItemStatus.OPEN)
    if region:
        items = items.filter(member__region_id=region)
    if member is not None:
        items = items.filter(member=member)
    rows = (
        items.values(
            "member__number",
            "member__name",
            "member__region_id",
            "member__region__name",
        )
        .annotate(**_bucket_sums(as_of))
        .order_by("member__region_id", "member__number")
    )
    report = ArrearsReport(as_of=as_of, totals=dict.fromkeys((*BUCKETS, "total"), ZERO))
    by_region: dict[str, ArrearsRegion] = {}
    for row in rows:
        buckets = {key: row[key] for key in BUCKETS}
        total = sum(buckets.values(), ZERO)
        if total <= 0:
            continue
        code = row["member__region_id"]
        group = by_region.get(code)
        if group is None:
            group = by_region[code] = ArrearsRegion(
                code=code,
                name=row["member__region__name"],
                totals=dict.fromkeys((*BUCKETS, "total"), ZERO),
            )
            report.regions.append(group)
        group.members.append(
            ArrearsRow(
                number=row["member__number"],
                name=row["member__name"],
                region=code,
                buckets=buckets,
                total=total,
            )
        )
        for key, value in (*buckets.items(), ("total", total)):
            group.totals[key] += value
            report.totals[key] += value
    return report
