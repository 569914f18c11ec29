"""The members check of ``verify_ledger``.

It confirms that what the members app believes equals the ledger:
    - for every member-money account (pokok, wajib, sukarela, member credit, member
      receivable, leaving members), the account's maintained total equals the sum of
      its lines that name a member (no member money is booked anonymously), so the
      per-member balances add up to the cooperative totals (which ``share_totals``
      reads from those maintained totals);
    - per member, the outstanding of their accrued open items (iuran; simpanan is
      posted only when paid) equals their 1-1310 balance.
Reads only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ledger import currency as cur
from ledger.chart import account_code
from ledger.models import Account
from ledger.selectors import totals_as_of
from members.accounts import MEMBER_CREDIT
from members.selectors import OUTSTANDING, share_account_codes
from members.services.common import ZERO, member_line_balances

FAR_FUTURE = dt.date(2999, 12, 31)


def _member_accounts() -> list[str]:
    codes = [code for group in share_account_codes().values() for code in group]
    return [
        *codes,
        MEMBER_CREDIT,
        account_code("member_receivable"),
        account_code("leaving_member_payable"),
    ]


def members_ledger_check() -> list:
    from django.db.models import Sum

    from ledger.integrity import Problem
    from members.models import ItemStatus, Member, OpenItem
    from members.models.dues import ACCRUED

    problems: list = []
    codes = _member_accounts()
    accounts = {a.code: a for a in Account.objects.filter(code__in=codes)}
    totals = totals_as_of(
        as_of=FAR_FUTURE, account_ids=[a.pk for a in accounts.values()]
    )
    by_member = member_line_balances(member_ids=None, codes=codes)
    member_sum: dict[str, object] = defaultdict(lambda: ZERO)
    for (_, code), net in by_member.items():
        member_sum[code] += net
    for code, account in accounts.items():
        total = totals.get(account.pk)
        credit_net = -(total.net) if total else ZERO
        if credit_net != member_sum[code]:
            problems.append(
                Problem(
                    None,
                    f"members: account {code} balance {cur.plain(credit_net)} "
                    f"(credit) differs from the sum of member lines "
                    f"{cur.plain(member_sum[code])}",
                )
            )
    receivable = account_code("member_receivable")
    owed = {
        member_id: -net
        for (member_id, code), net in by_member.items()
        if code == receivable and net
    }
    outstanding = {
        row["member_id"]: row["total"]
        for row in OpenItem.objects.filter(ACCRUED, status=ItemStatus.OPEN)
        .values("member_id")
        .annotate(total=Sum(OUTSTANDING))
        if row["total"]
    }
    mismatched = sorted(
        member_id
        for member_id in set(owed) | set(outstanding)
        if owed.get(member_id, ZERO) != outstanding.get(member_id, ZERO)
    )
    numbers = dict(
        Member.objects.filter(pk__in=mismatched[:50]).values_list("pk", "number")
    )
    for member_id in mismatched[:50]:
        problems.append(
            Problem(
                None,
                f"members: {numbers.get(member_id, member_id)} open items outstanding "
                f"{cur.plain(outstanding.get(member_id, ZERO))} differ from the "
                f"member receivable {cur.plain(owed.get(member_id, ZERO))}",
            )
        )
    return problems
