"""The end of the demo year: waivers, suspensions and resignations."""

from __future__ import annotations

import datetime as dt

from members.demo.context import YEAR, DemoContext
from members.models import ItemStatus, OpenItem
from members.services import (
    item_waive,
    member_suspend,
    resignation_approve,
    resignation_pay_out,
    resignation_request,
)


def lifecycle_step(ctx: DemoContext) -> None:
    """A few waivers, two suspensions and a couple of resignations (one paid out)."""
    rng = ctx.rng
    user = ctx.data.get("treasurer")
    accounts = [a for a in ctx.data.get("accounts", []) if a.active]
    when = min(ctx.today, dt.date(YEAR, ctx.last_month, 1) + dt.timedelta(days=14))
    arrears = [a for a in accounts if a.profile == "arrears"]
    waived = 0
    for acc in arrears[:3]:
        item = (
            OpenItem.objects.filter(
                member=acc.member, status=ItemStatus.OPEN, kind="iuran"
            )
            .order_by("due_date")
            .first()
        )
        if item is not None:
            item_waive(
                item=item, reason="Terdampak bencana banjir", date=when, user=user
            )
            waived += 1
    for acc in arrears[3:5]:
        member_suspend(
            member=acc.member, reason="Menunggak lebih dari 6 bulan", user=user
        )
    veterans = [
        a for a in accounts if a.profile == "on_time" and a.member.joined_on.year < YEAR
    ]
    leavers = rng.sample(veterans, k=min(3, len(veterans)))
    for index, acc in enumerate(leavers):
        kind = "deceased" if index == 2 else "resigned"
        resignation_request(
            member=acc.member,
            reason="Pindah tugas ke luar provinsi" if kind == "resigned" else "Wafat",
            kind=kind,
            date=when,
            user=user,
        )
        if index < 2:
            resignation = resignation_approve(member=acc.member, date=when, user=user)
            if index == 0 and resignation.status == "approved":
                resignation_pay_out(
                    member=acc.member, method="bank", date=when, user=user
                )
    ctx.write(f"waivers: {waived}; suspended: 2; resignations: 3 (2 approved, 1 paid)")
