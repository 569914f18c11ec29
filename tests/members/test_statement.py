"""A member's statement holds their own money only."""

import datetime as dt

import pytest

from ledger.services import LineInput, entry_post
from members.selectors import member_statement


@pytest.mark.django_db
def test_statement_leaves_out_the_cash_and_revenue_side_of_member_entries(
    make_member,
):
    # Given a member's credit purchase and a cash purchase, every line naming them
    member = make_member("Sri Wahyuni")
    entry_post(
        date=dt.date(2026, 2, 3),
        description="INV-2026-00001 kaos IPSPI",
        lines=[
            LineInput("1-1300", debit="150000", member=member),
            LineInput("4-1100", credit="150000", member=member),
        ],
    )
    entry_post(
        date=dt.date(2026, 2, 4),
        description="INV-2026-00002 tunai",
        lines=[
            LineInput("1-1100", debit="50000", member=member),
            LineInput("4-1100", credit="50000", member=member),
        ],
    )

    # When the statement is read
    statement = member_statement(member=member)

    # Then it shows what the member owes, not the cooperative's cash or revenue
    assert [(row.account, row.balance) for row in statement.rows] == [
        ("1-1300", 150000)
    ]
    assert statement.closing == {"1-1300": 150000}
