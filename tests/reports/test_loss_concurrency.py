"""Two treasurers covering the same loss at once cover it once (PostgreSQL threads)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from ledger.integrity import ledger_verify
from reports.errors import NoLossToCover
from reports.models import LossCover
from reports.services import shu_loss_cover, year_close
from tests.reports.fixtures import post

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL"
    ),
]


def test_concurrent_covers_of_one_loss_cover_it_once():
    # given a 2026 loss of Rp 1.000.000 and a reserve of Rp 5.000.000, closed
    post(
        dt.date(2026, 1, 5),
        "Cadangan",
        ("1-1200", "D", 5_000_000),
        ("3-2100", "C", 5_000_000),
    )
    post(
        dt.date(2026, 3, 1),
        "Honor",
        ("6-1100", "D", 1_000_000),
        ("1-1200", "C", 1_000_000),
    )
    year_close(year=2026)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def cover():
        try:
            barrier.wait(timeout=10)
            shu_loss_cover(year=2026, reason="RAT 2027")
            outcomes.append("covered")
        except NoLossToCover:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cover) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then one covers the whole loss and the other finds nothing left to cover
    assert sorted(outcomes) == ["covered", "refused"]
    assert [c.amount.amount for c in LossCover.objects.all()] == [1_000_000]
    assert ledger_verify().ok
