"""The treasurer's bank page: upload, act on lines, reconcile; auditor reads only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bank.models import BankLine, LineStatus, ReconciliationMark
from imports.members import members_import
from imports.opening import opening_balances_import
from tests.imports.conftest import SAMPLES, data_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def books():
    members_import(data=(SAMPLES / "anggota.csv").read_bytes(), filename="a.csv")
    opening_balances_import(
        data=(SAMPLES / "saldo_awal.csv").read_bytes(),
        filename="s.csv",
        date=dt.date(2025, 12, 31),
    )


def _upload(client):
    return client.post(
        "/bank/upload/",
        {
            "file": SimpleUploadedFile("m.csv", data_file("mutasi_bca.csv")),
            "account": "1-1200",
            "preset": "bca",
        },
        follow=True,
    )


def test_treasurer_uploads_confirms_books_and_reconciles(books, web_client, treasurer):
    client = web_client(treasurer)
    page = _upload(client)
    assert "8 mutasi baru" in page.content.decode()
    assert b"js/bank.js" in page.content  # keyboard shortcuts
    agus = BankLine.objects.get(description__contains="JTM-00002")
    client.post(f"/bank/lines/{agus.pk}/match/", {})
    agus.refresh_from_db()
    assert agus.status == LineStatus.MATCHED
    for line in BankLine.objects.filter(status__in=["unmatched", "suggested"]):
        account = "4-9100" if line.amount.amount > 0 else "6-1200"
        client.post(f"/bank/lines/{line.pk}/book/", {"account": account})
    assert not BankLine.objects.filter(status__in=["unmatched", "suggested"]).exists()
    page = client.get("/bank/?account=1-1200&as_of=2026-01-31&status=all")
    assert "Tandai sudah direkonsiliasi" in page.content.decode()
    done = client.post(
        "/bank/reconcile/", {"account": "1-1200", "period": "2026-01"}, follow=True
    )
    assert "2026-01 ditandai" in done.content.decode()
    assert ReconciliationMark.objects.count() == 1
    dashboard = client.get("/dashboard/").content.decode()
    assert "direkonsiliasi s.d. 01/2026" in dashboard
    assert 'href="/bank/"' in dashboard


def test_errors_come_back_as_messages(books, web_client, treasurer):
    client = web_client(treasurer)
    _upload(client)
    fee = BankLine.objects.get(description="BIAYA ADM")
    page = client.post(
        f"/bank/lines/{fee.pk}/book/", {"account": "2-1200"}, follow=True
    )
    assert "akun uang anggota" in page.content.decode()
    refused = client.post(
        "/bank/reconcile/", {"account": "1-1200", "period": "2026-01"}, follow=True
    )
    assert "belum dapat ditandai" in refused.content.decode()
    unknown = client.post(
        f"/bank/lines/{fee.pk}/match/", {"member": "JTM-99999"}, follow=True
    )
    assert "tidak dikenal" in unknown.content.decode()


def test_auditor_reads_without_forms(books, web_client, treasurer, auditor):
    _upload(web_client(treasurer))
    client = web_client(auditor)
    page = client.get("/bank/")
    assert page.status_code == 200
    assert b"JTM-00002" in page.content
    assert b"/bank/upload/" not in page.content
    line = BankLine.objects.first()
    assert client.post(f"/bank/lines/{line.pk}/ignore/").status_code == 403


def test_members_get_no_bank_page(books, web_client, make_member):
    member = make_member(login=True)
    assert web_client(member.user).get("/bank/").status_code == 404


def test_treasurer_adds_a_rule_that_books_on_the_next_import(
    books, web_client, treasurer
):
    client = web_client(treasurer)
    saved = client.post(
        "/bank/rules/",
        {"pattern": "BIAYA ADM", "account": "6-1400", "direction": "out"},
        follow=True,
    )
    assert "Aturan disimpan" in saved.content.decode()
    refused = client.post(
        "/bank/rules/", {"pattern": "SIMPANAN", "account": "2-1200"}, follow=True
    )
    assert "tidak dapat dipakai aturan" in refused.content.decode()
    _upload(client)
    assert BankLine.objects.get(description="BIAYA ADM").status == LineStatus.BOOKED
