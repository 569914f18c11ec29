"""A clock for tests about closed years: 2026 ends before "now" whatever today is.

Closing a year needs its 31 December in the past (Asia/Jakarta); the year-end tests
book 2026 and travel to 3 January 2027 (the clock keeps ticking from there).
"""

import datetime as dt
import zoneinfo

import pytest
import time_machine

AFTER_2026 = dt.datetime(2027, 1, 3, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def after_2026():
    with time_machine.travel(AFTER_2026, tick=True):
        yield AFTER_2026
