"""A failing nightly verification is visible: a red banner on the dashboard for the
treasurer and the auditor, the run in the verification history (admin), and an
email when a treasurer or auditor has an address."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection

from ledger import triggers
from ledger.models import VerificationRun
from ledger.services import LineInput, entry_post
from ledger.tasks import ledger_verify_nightly

pytestmark = pytest.mark.django_db(transaction=True)
BANNER = "Verifikasi buku besar GAGAL"


def _post():
    return entry_post(
        date=dt.date(2026, 3, 2),
        description="Pendapatan lain",
        lines=[LineInput("1-1100", debit="500"), LineInput("4-9100", credit="500")],
    )


def _tamper(entry):
    triggers.uninstall(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE ledger_journalentry SET description = 'x' WHERE id = %s",
                [entry.pk],
            )
    finally:
        triggers.install(connection)


def test_a_failed_nightly_run_shows_a_red_banner_and_is_recorded(
    web_client, treasurer, auditor, caplog
):
    entry = _post()
    assert ledger_verify_nightly.delay().get()["ok"] is True
    assert BANNER not in web_client(treasurer).get("/dashboard/").text
    _tamper(entry)

    # when the weekly full run finds the tampering (no one has an email address)
    result = ledger_verify_nightly.delay(full=True).get()

    # then it is recorded in the history, logged, and shown to treasurer and auditor
    assert result["ok"] is False
    runs = list(VerificationRun.objects.order_by("id"))
    assert [(run.trigger, run.mode, run.ok) for run in runs] == [
        ("nightly", "full", True),
        ("weekly", "full", False),
    ]
    assert runs[1].first_broken == entry.number
    assert mail.outbox == []
    assert "no treasurer or auditor has an email address" in caplog.text
    for user in (treasurer, auditor):
        page = web_client(user).get("/dashboard/").text
        assert BANNER in page
        assert entry.number in page
    # and the history lists the run in the admin
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("admin", "admin@example.org", "x-123-y")
    history = web_client(admin).get("/admin/ledger/verificationrun/")
    assert history.status_code == 200 and entry.number in history.text


def test_a_later_good_run_clears_the_banner(web_client, treasurer, settings):
    entry = _post()
    _tamper(entry)
    ledger_verify_nightly.delay(full=True).get()
    assert BANNER in web_client(treasurer).get("/dashboard/").text
    # the damage is repaired (here: the row put back as it was posted)
    triggers.uninstall(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE ledger_journalentry SET description = %s WHERE id = %s",
                [entry.description, entry.pk],
            )
    finally:
        triggers.install(connection)
    assert ledger_verify_nightly.delay().get()["ok"] is True
    assert BANNER not in web_client(treasurer).get("/dashboard/").text


def test_treasurers_and_auditors_with_addresses_are_emailed(treasurer, auditor):
    treasurer.email = "bendahara@example.org"
    treasurer.save(update_fields=["email"])
    _tamper(_post())

    ledger_verify_nightly.delay().get()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bendahara@example.org"]
