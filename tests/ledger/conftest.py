"""Ledger test helpers: post a simple two-line entry in one call."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from ledger import triggers
from ledger.services import LineInput, entry_post


def post_simple(
    *,
    date: dt.date = dt.date(2026, 1, 15),
    debit: str = "1-1100",
    credit: str = "4-9100",
    amount: str | int = "100000",
    description: str = "Pendapatan lain",
    **kwargs,
):
    """Post ``debit`` / ``credit`` of ``amount`` on ``date``."""
    return entry_post(
        date=date,
        description=description,
        lines=[LineInput(debit, debit=amount), LineInput(credit, credit=amount)],
        **kwargs,
    )


@pytest.fixture
def post():
    return post_simple


@pytest.fixture
def triggers_dropped():
    """Drop the protective triggers for raw-SQL tampering; always put them back."""
    triggers.uninstall(connection)
    try:
        yield
    finally:
        triggers.uninstall(connection)
        triggers.install(connection)


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks and concurrent connections)")
