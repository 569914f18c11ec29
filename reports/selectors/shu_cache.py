"""Members' SHU rows of a year, computed once per ledger version and cached.

Splitting a year's SHU over every member reads every member's simpanan and
purchases; the member pages and ``/api/v1/me/`` need one row of it per request. So
the rows of a year are kept in Django's cache under a key made of the year and a
*version* of everything the split reads:

    - the chain head (the highest ``chain_seq`` posted, and its hash, which chains
      every entry before it, so a restored or different ledger never matches): any
      posting, whatever its date, moves it, so a payment, a sale, a waiver, a
      closing or a loss cover changes the key (a posting dated in another year may
      change the answer too: capital bases run to 31 December, losses carry
      forward);
    - the year's row (status, distribution and payout entries) and its stored
      allocation table (count, last id, sum of percents: a replaced table has new
      ids);
    - members who left (count and latest date): eligibility on 31 December;
    - the SHU settings the split reads.

The version costs one query; a stale row can only be served under a key that no
longer matches, never after a change. Values are compact (amounts as strings keyed
by member id) so reading them does not rebuild model instances.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from ledger.models import JournalEntry
from members.models import Member
from reports.models import FiscalYear, ShuPart
from reports.selectors.shu import MemberShu, shu_preview

#: Cached rows outlive no version, so this only bounds how long unused ones linger.
TIMEOUT = 24 * 3600
ZERO = Decimal(0)


def _version_sql() -> str:
    entries = JournalEntry._meta.db_table
    years = FiscalYear._meta.db_table
    parts = ShuPart._meta.db_table
    members = Member._meta.db_table
    return (
        f"SELECT (SELECT MAX(chain_seq) FROM {entries}),"
        f" (SELECT hash FROM {entries}"
        f"  WHERE chain_seq = (SELECT MAX(chain_seq) FROM {entries})),"
        f" (SELECT status FROM {years} WHERE year = %s),"
        f" (SELECT shu_entry_id FROM {years} WHERE year = %s),"
        f" (SELECT payout_entry_id FROM {years} WHERE year = %s),"
        f" (SELECT COUNT(*) FROM {parts} p JOIN {years} y ON y.id = p.fiscal_year_id"
        f"  WHERE y.year = %s),"
        f" (SELECT MAX(p.id) FROM {parts} p JOIN {years} y ON y.id = p.fiscal_year_id"
        f"  WHERE y.year = %s),"
        f" (SELECT SUM(p.percent) FROM {parts} p"
        f"  JOIN {years} y ON y.id = p.fiscal_year_id WHERE y.year = %s),"
        f" (SELECT COUNT(*) FROM {members} WHERE left_on IS NOT NULL),"
        f" (SELECT MAX(left_on) FROM {members})"
    )


def shu_version(*, year: int) -> str:
    """The version of everything the year's SHU split reads (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [year] * 6)
        row = cursor.fetchone()
    flags = (
        settings.ESTAMA_SHU_MEMBERS_AT_YEAR_END,
        settings.ESTAMA_SHU_SUKARELA_AS_CAPITAL,
        settings.ESTAMA_MEMBER_CAPITAL_AS_LIABILITY,
    )
    return "|".join(str(value) for value in (*row, *flags))


def shu_member_rows(*, year: int) -> dict:
    """``{"distributed", "paid_out", "rows": {member_id: (capital_base, purchases,
    capital_share, business_share)}}`` of the year, amounts as strings; from the
    cache when the ledger has not changed since they were computed."""
    key = f"estama:shu-rows:{year}:{shu_version(year=year)}"
    value = cache.get(key)
    if value is None:
        preview = shu_preview(year=year)
        value = {
            "distributed": preview.distributed,
            "paid_out": preview.paid_out,
            "rows": {
                row.member.pk: (
                    str(row.capital_base),
                    str(row.purchases),
                    str(row.capital_share),
                    str(row.business_share),
                )
                for row in preview.members
            },
        }
        cache.set(key, value, TIMEOUT)
    return value


def member_row(rows: dict, member: Member) -> MemberShu:
    """The member's ``MemberShu`` from ``shu_member_rows`` (zeros when none)."""
    found = rows["rows"].get(member.pk)
    if found is None:
        return MemberShu(member, ZERO, ZERO, ZERO, ZERO)
    return MemberShu(member, *(Decimal(value) for value in found))


def member_shu(*, member: Member, year: int) -> MemberShu:
    """One member's SHU of the year (zeros when they have none), for the member
    pages; the year's split comes from the cache (``shu_member_rows``)."""
    return member_row(shu_member_rows(year=year), member)


@dataclass(frozen=True)
class MemberShuYear:
    year: int
    capital_share: Decimal
    business_share: Decimal
    distributed: bool
    paid_out: bool

    @property
    def total(self) -> Decimal:
        return self.capital_share + self.business_share


def member_shu_years(*, member: Member, limit: int = 5) -> list[MemberShuYear]:
    """The member's SHU in each of the latest ``limit`` years that have a stored
    allocation table, newest first (a preview until the year is distributed); each
    year's split comes from the cache (``shu_member_rows``)."""
    years = (
        FiscalYear.objects.filter(shu_parts__isnull=False)
        .distinct()
        .order_by("-year")
        .values_list("year", flat=True)[:limit]
    )
    result = []
    for year in years:
        rows = shu_member_rows(year=year)
        row = member_row(rows, member)
        result.append(
            MemberShuYear(
                year=year,
                capital_share=row.capital_share,
                business_share=row.business_share,
                distributed=rows["distributed"],
                paid_out=rows["paid_out"],
            )
        )
    return result
