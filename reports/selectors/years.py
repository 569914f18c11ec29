"""Fiscal years: their bounds and their row."""

from __future__ import annotations

import datetime as dt

from reports.models import FiscalYear, YearStatus


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def fiscal_year_get(*, year: int) -> FiscalYear:
    """The year's row, or an unsaved open one when it was never closed."""
    return FiscalYear.objects.filter(year=year).first() or FiscalYear(
        year=year, status=YearStatus.OPEN
    )
