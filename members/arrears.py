"""Members in arrears, one row per member, for the treasurer's Tunggakan list.

Invariants:
    - arrears are open items due before ``as_of`` (the day itself is not late yet);
      a member is listed when their overdue outstanding is above zero;
    - one aggregate query per page whatever the number of members or items; filters
      and sorting run in the database, so a page costs the same at 50 or 50,000
      members;
    - the age bucket of a member is the bucket of their oldest overdue item, with the
      same bounds as ``members.selectors.arrears_report`` (1-30, 31-90, 91-180, over
      180 days past due).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Min, QuerySet, Sum

from members.models import ItemStatus, OpenItem
from members.selectors import OUTSTANDING

#: Overdue buckets, oldest item's days past due: key -> (min days, max days or None).
OVERDUE_BUCKETS = {
    "d1_30": (1, 30),
    "d31_90": (31, 90),
    "d91_180": (91, 180),
    "over_180": (181, None),
}

#: Sort keys the list accepts -> database ordering.
SORTS = {
    "number": "member__number",
    "name": "member__name",
    "region": "member__region__name",
    "total": "total",
    "months": "months",
    "age": "oldest",
}


@dataclass(frozen=True)
class ArrearsFilter:
    as_of: dt.date
    region: str = ""
    bucket: str = ""
    sort: str = "-total"


def bucket_of(*, oldest: dt.date, as_of: dt.date) -> str:
    """The overdue bucket of an item due on ``oldest``."""
    days = (as_of - oldest).days
    for key, (low, high) in OVERDUE_BUCKETS.items():
        if days >= low and (high is None or days <= high):
            return key
    return ""


def _ordering(sort: str) -> list[str]:
    descending = sort.startswith("-")
    key = SORTS.get(sort.lstrip("-"), "total")
    if key == "oldest":  # the oldest due date is the greatest age
        descending = not descending
    return [f"-{key}" if descending else key, "member__number"]


def arrears_members(*, filters: ArrearsFilter) -> QuerySet:
    """Members with overdue items: ``member_id``, ``member__number``,
    ``member__name``, ``member__region__name``, ``member__phone``,
    ``member__email``, ``total`` (overdue outstanding), ``months`` (overdue periods),
    ``oldest`` and ``newest`` (due dates). Filtered by region code and by the bucket
    of the oldest overdue item; sorted by ``filters.sort`` (a key of ``SORTS``, ``-``
    for descending; ``age`` sorts by the oldest item)."""
    as_of = filters.as_of
    items = OpenItem.objects.filter(status=ItemStatus.OPEN, due_date__lt=as_of)
    if filters.region:
        items = items.filter(member__region_id=filters.region)
    rows = (
        items.values(
            "member_id",
            "member__number",
            "member__name",
            "member__region__name",
            "member__phone",
            "member__email",
        )
        .annotate(
            total=Sum(OUTSTANDING),
            months=Count("period", distinct=True),
            oldest=Min("due_date"),
            newest=Max("due_date"),
        )
        .filter(total__gt=0)
    )
    bounds = OVERDUE_BUCKETS.get(filters.bucket)
    if bounds:
        low, high = bounds
        rows = rows.filter(oldest__lte=as_of - dt.timedelta(days=low))
        if high is not None:
            rows = rows.filter(oldest__gte=as_of - dt.timedelta(days=high))
    return rows.order_by(*_ordering(filters.sort))


def arrears_totals(*, filters: ArrearsFilter) -> dict:
    """How many members the filters list and what they owe in total (one query:
    the aggregate runs over the grouped rows as a subquery)."""
    totals = (
        arrears_members(filters=filters)
        .order_by()
        .aggregate(listed=Count("member_id"), owed=Sum("total"))
    )
    return {"members": totals["listed"] or 0, "total": totals["owed"] or Decimal(0)}
