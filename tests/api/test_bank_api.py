"""The bank endpoints: statements, lines, match/book/ignore, reconciliation, setup."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bank.models import BankLine, ReconciliationMark
from imports.members import members_import
from imports.opening import opening_balances_import
from members.models import Payment
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


def _upload(client, name="mutasi_bca.csv", preset="bca", account="1-1200", **extra):
    body = {"file": SimpleUploadedFile(name, data_file(name)), "account": account}
    if preset:
        body["preset"] = preset
    return client.post("/api/v1/bank/statements/", body, format="multipart", **extra)


def _line(text: str) -> BankLine:
    return BankLine.objects.get(description__contains=text)


def test_statement_import_and_line_list(books, treasurer_client, auditor_client):
    response = _upload(treasurer_client)
    assert response.status_code == 201, response.json()
    result = response.json()["result"]
    assert result["counts"]["created"] == 8
    # JTM-00002 by number, Sri Wahyuni and Dewi Lestari by name (no invoice here).
    assert result["summary"]["suggested"] == 3
    again = _upload(treasurer_client)
    assert again.json()["result"]["counts"]["unchanged"] == 8
    listing = auditor_client.get("/api/v1/bank/lines/?status=suggested")
    assert listing.status_code == 200
    rows = listing.json()["results"]
    assert len(rows) == 3
    first = rows[0]
    assert first["amount"] == "75000" and first["balance"] == "18825000"
    assert first["suggestion"]["member"] == "JTM-00002"
    assert first["suggestion"]["confidence"] == 100
    unmatched = auditor_client.get("/api/v1/bank/lines/?status=unmatched").json()
    assert unmatched["count"] == 5
    bad = auditor_client.get("/api/v1/bank/lines/?status=lost")
    assert bad.status_code == 400
    statements = auditor_client.get("/api/v1/bank/statements/").json()
    assert statements["results"][0]["lines_new"] in (0, 8)


def test_statement_errors(books, treasurer_client):
    wrong_account = _upload(treasurer_client, account="3-1100")
    assert wrong_account.status_code == 400
    assert wrong_account.json()["code"] == "invalid_bank_account"
    wrong_preset = _upload(treasurer_client, preset="cimb")
    assert wrong_preset.status_code == 400
    no_preset = _upload(treasurer_client, preset="")
    assert no_preset.json()["code"] == "invalid_preset"
    ofx = _upload(treasurer_client, name="mutasi.ofx", preset="")
    assert ofx.status_code == 201


def test_match_book_ignore(books, treasurer_client):
    _upload(treasurer_client)
    agus = _line("JTM-00002")
    response = treasurer_client.post(f"/api/v1/bank/lines/{agus.pk}/match/", {})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "matched"
    assert body["matches"][0]["receipt"].startswith("KW-2026-")
    assert Payment.objects.get().date == dt.date(2026, 1, 2)
    again = treasurer_client.post(f"/api/v1/bank/lines/{agus.pk}/match/", {})
    assert again.status_code == 409 and again.json()["code"] == "bank_line_not_open"

    sri = _line("SRI WAHYUNI")
    split = treasurer_client.post(
        f"/api/v1/bank/lines/{sri.pk}/match/",
        {
            "splits": [
                {"member": "JTM-00001", "amount": "70000"},
                {"member": "JTM-00004", "amount": "30000"},
            ]
        },
    )
    assert split.status_code == 200, split.json()
    assert [m["member"] for m in split.json()["matches"]] == ["JTM-00001", "JTM-00004"]
    dewi = _line("8807700012345")
    unknown = treasurer_client.post(
        f"/api/v1/bank/lines/{dewi.pk}/match/", {"member": "JTM-09999"}
    )
    assert unknown.status_code == 400
    corrected = treasurer_client.post(
        f"/api/v1/bank/lines/{dewi.pk}/match/", {"member": "JTM-00003"}
    )
    assert corrected.status_code == 200
    no_invoice = treasurer_client.post(
        f"/api/v1/bank/lines/{_line('INV-2026').pk}/match/", {"invoice": 999}
    )
    assert no_invoice.status_code == 404

    fee = _line("BIAYA ADM")
    booked = treasurer_client.post(
        f"/api/v1/bank/lines/{fee.pk}/book/", {"account": "6-1400"}
    )
    assert booked.status_code == 200
    assert booked.json()["matches"][0]["account"] == "6-1400"
    member_money = treasurer_client.post(
        f"/api/v1/bank/lines/{_line('PERCETAKAN').pk}/book/", {"account": "2-1200"}
    )
    assert member_money.status_code == 400
    assert member_money.json()["code"] == "invalid_match"
    ignored = treasurer_client.post(
        f"/api/v1/bank/lines/{_line('PAJAK').pk}/ignore/", {"reason": "nanti"}
    )
    assert ignored.json()["status"] == "ignored"
    assert treasurer_client.post("/api/v1/bank/lines/999999/book/", {}).status_code in (
        400,
        404,
    )


def test_reconciliation_and_mark(books, treasurer_client, auditor_client):
    _upload(treasurer_client)
    url = "/api/v1/bank/reconciliation/"
    report = auditor_client.get(f"{url}?account=1-1200&as_of=2026-01-31").json()
    assert report["statement_balance"] == "19328000"
    assert report["ledger_balance"] == "18750000"
    assert report["difference"] == "578000"
    assert report["unexplained"] == "0"
    assert len(report["items"]) == 8
    refused = treasurer_client.post(url, {"account": "1-1200", "period": "2026-01"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "reconciliation_difference"
    for line in BankLine.objects.all():
        if line.amount.amount > 0:
            treasurer_client.post(
                f"/api/v1/bank/lines/{line.pk}/book/", {"account": "4-9100"}
            )
        else:
            treasurer_client.post(
                f"/api/v1/bank/lines/{line.pk}/book/", {"account": "6-1200"}
            )
    marked = treasurer_client.post(url, {"account": "1-1200", "period": "2026-01"})
    assert marked.status_code == 201, marked.json()
    assert marked.json()["balance"] == "19328000"
    assert ReconciliationMark.objects.get().marked_by.username == "bendahara"
    assert (
        auditor_client.post(url, {"account": "1-1200", "period": "2026-02"}).status_code
        == 403
    )
    assert auditor_client.get(f"{url}?account=1-1200").status_code == 400


def test_rules_mapping_and_virtual_accounts(books, treasurer_client):
    rule = treasurer_client.post(
        "/api/v1/bank/rules/",
        {"pattern": "BIAYA ADM", "account": "6-1400", "name": "Biaya admin"},
    )
    assert rule.status_code == 201, rule.json()
    assert treasurer_client.get("/api/v1/bank/rules/").json()["count"] == 1
    bad_rule = treasurer_client.post(
        "/api/v1/bank/rules/", {"pattern": "x", "account": "6-1400"}
    )
    assert bad_rule.status_code == 400
    mapping = treasurer_client.put(
        "/api/v1/bank/accounts/1-1200/mapping/",
        {
            "mapping": {
                "date": "Tgl",
                "description": "Uraian",
                "amount": "Nominal",
                "balance": "Saldo Akhir",
            },
            "bank_name": "Bank Jatim",
        },
    )
    assert mapping.status_code == 200, mapping.json()
    generic = _upload(treasurer_client, name="mutasi_generik.csv", preset="")
    assert generic.status_code == 201
    assert generic.json()["result"]["summary"]["booked"] == 1
    va = treasurer_client.post(
        "/api/v1/bank/virtual-accounts/",
        {"member": "JTM-00003", "number": "8807700012345"},
    )
    assert va.status_code == 201
    dup = treasurer_client.post(
        "/api/v1/bank/virtual-accounts/",
        {"member": "JTM-00001", "number": "8807700012345"},
    )
    assert dup.status_code == 400


def test_members_have_no_access(books, client_for, make_member):
    member = make_member(login=True)
    client = client_for(member.user)
    assert client.get("/api/v1/bank/lines/").status_code == 403
    assert (
        client.get(
            "/api/v1/bank/reconciliation/?account=1-1200&as_of=2026-01-31"
        ).status_code
        == 403
    )


def test_line_list_makes_a_constant_number_of_queries(
    books, treasurer_client, django_assert_max_num_queries
):
    _upload(treasurer_client)
    for line in BankLine.objects.filter(status="suggested")[:2]:
        treasurer_client.post(f"/api/v1/bank/lines/{line.pk}/match/", {})
    with django_assert_max_num_queries(8):
        response = treasurer_client.get("/api/v1/bank/lines/")
    assert response.json()["count"] == 8
    assert Decimal(response.json()["results"][0]["amount"]) == 75000
