"""Property: whatever valid postings and reversals happen, the trial balance nets to
zero and the ledger verifies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.chart import LEAVES, MEMBER_ACCOUNT_ROLES, account_code
from ledger.integrity import ledger_verify
from ledger.selectors import ZERO, totals_as_of, trial_balance
from ledger.services import LineInput, entry_post, entry_reverse

# Accounts other apps reconcile against their own records (member money, member
# revenue, stock) are left out: postings there need member lines or stock movements,
# and their registered checks would rightly flag bare ledger postings.
RECONCILED = {account_code(role) for role in MEMBER_ACCOUNT_ROLES} | {
    account_code(role)
    for role in ("inventory", "sales_member", "training_member", "consulting_member")
}
LEAF_CODES = [row[0] for row in LEAVES if row[0] not in RECONCILED]
START = dt.date(2025, 1, 1)
DAYS = 365 * 2


@st.composite
def postings(draw):
    """Lines of one balanced entry: 2-5 lines, whole positive amounts."""
    count = draw(st.integers(min_value=2, max_value=5))
    accounts = draw(
        st.lists(st.sampled_from(LEAF_CODES), min_size=count, max_size=count)
    )
    amounts = draw(
        st.lists(
            st.integers(min_value=1, max_value=10**9),
            min_size=count - 1,
            max_size=count - 1,
        )
    )
    # the last line balances the others; choose sides so it is never zero
    debits = draw(st.integers(min_value=1, max_value=count - 1))
    signed = [a if i < debits else -a for i, a in enumerate(amounts)]
    rest = -sum(signed)
    if rest == 0:
        signed[0] += 1
        rest = -1
    signed.append(rest)
    day = START + dt.timedelta(days=draw(st.integers(min_value=0, max_value=DAYS - 1)))
    lines = [
        LineInput(code, debit=str(v)) if v > 0 else LineInput(code, credit=str(-v))
        for code, v in zip(accounts, signed, strict=True)
    ]
    return ("post", day, lines)


operations = st.lists(
    st.one_of(
        postings(),
        st.tuples(
            st.just("reverse"),
            st.integers(min_value=0, max_value=50),
            st.integers(min_value=0, max_value=DAYS - 1),
        ),
    ),
    min_size=1,
    max_size=12,
)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations)
def test_any_postings_and_reversals_keep_the_books_balanced_and_verifiable(ops):
    with transaction.atomic():
        posted = []
        for op in ops:
            if op[0] == "post":
                _, day, lines = op
                posted.append(entry_post(date=day, description="Acak", lines=lines))
            elif posted:
                _, pick, offset = op
                target = posted[pick % len(posted)]
                if hasattr(target, "reversed_by"):
                    continue
                day = START + dt.timedelta(days=offset)
                posted.append(entry_reverse(entry=target, date=day))
                target.refresh_from_db()

        end = START + dt.timedelta(days=DAYS)
        for as_of in (START + dt.timedelta(days=DAYS // 2), end):
            tb = trial_balance(as_of=as_of)
            assert tb.total_debit == tb.total_credit
            nets = totals_as_of(as_of=as_of).values()
            assert sum((value.net for value in nets), ZERO) == Decimal(0)
        report = ledger_verify()
        assert report.ok, report.problems
        assert report.entry_count == len(posted)
        transaction.set_rollback(True)
