import datetime as dt

import pytest

from ledger.models import JournalEntry
from ledger.services import LineInput, entry_post


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run", [1, 2])
def test_posted_entries_survive_until_flush_and_chart_comes_back(run):
    entry = entry_post(
        date=dt.date(2026, 1, 5),
        description="Setoran modal",
        lines=[LineInput("1-1100", debit="1000"), LineInput("3-1300", credit="1000")],
    )
    assert entry.number == "JU-2026-000001"
    assert JournalEntry.objects.count() == 1
