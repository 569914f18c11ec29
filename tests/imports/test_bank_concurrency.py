"""Committed for real: the database's own checks fire, and two treasurers confirming
the same bank line at once post one payment (PostgreSQL threads)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from bank.errors import LineNotOpen
from bank.models import BankLine, BankLineMatch, ReconciliationMark
from bank.services import line_match
from bank.statements import bank_account_get, statement_import
from imports.members import members_import
from imports.opening import opening_balances_import
from members.models import Payment
from tests.imports.conftest import SAMPLES, data_file

pytestmark = pytest.mark.django_db(transaction=True)


def _books():
    members_import(data=(SAMPLES / "anggota.csv").read_bytes(), filename="a.csv")
    opening_balances_import(
        data=(SAMPLES / "saldo_awal.csv").read_bytes(),
        filename="s.csv",
        date=dt.date(2025, 12, 31),
    )
    statement_import(
        account="1-1200",
        data=data_file("mutasi_bca.csv"),
        filename="m.csv",
        preset="bca",
    )


def test_imports_commit_and_the_ledger_verifies(verify):
    _books()
    line_match(line=BankLine.objects.get(description__contains="JTM-00002"))
    verify()


def test_the_database_refuses_a_line_twice_and_an_unequal_mark():
    _books()
    line = BankLine.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        BankLine.objects.create(
            bank_account=line.bank_account,
            statement=line.statement,
            line_no=99,
            date=line.date,
            description=line.description,
            amount=line.amount,
            fingerprint=line.fingerprint,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReconciliationMark.objects.create(
            bank_account=bank_account_get("1-1200"),
            year=2026,
            month=1,
            as_of=dt.date(2026, 1, 31),
            statement_balance=line.amount,
            ledger_balance=line.balance,
        )


@pytest.mark.postgres
def test_two_treasurers_confirming_one_line_post_one_payment(verify):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    _books()
    line = BankLine.objects.get(description__contains="JTM-00002")
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            barrier.wait()
            line_match(line=line)
            outcomes.append("matched")
        except LineNotOpen:
            outcomes.append("refused")
        except Exception as exc:  # noqa: BLE001 - reported below
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["matched", "refused"]
    assert Payment.objects.count() == 1
    assert BankLineMatch.objects.count() == 1
    verify()
