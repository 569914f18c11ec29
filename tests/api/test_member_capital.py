"""Members' capital is what members paid; member money names its member; a member
who has left takes no new money; resignation dates (issue 12), through the API.

Invariant tests commit for real: verify_ledger must be green after each one.
"""

import datetime as dt
from decimal import Decimal

import pytest

from ledger.integrity import ledger_verify
from ledger.models import JournalEntry, JournalLine
from ledger.services import LineInput, entry_post
from members.models import Member, OpenItem
from members.services import unpaid_capital_unaccrue
from reports.selectors import capital_bases

pytestmark = pytest.mark.django_db(transaction=True)


def _register(client, name: str, joined: str = "2026-01-02") -> str:
    number = client.post(
        "/api/v1/members/",
        {
            "name": name,
            "category": "biasa",
            "region": "3578",
            "email": f"{name.lower()}@example.org",
            "joined_on": joined,
        },
    ).data["number"]
    response = client.post(f"/api/v1/members/{number}/activate/", {"date": joined})
    assert response.status_code == 200, response.data
    return number


def _plans(client) -> None:
    for name, kind, amount in (
        ("Iuran", "iuran", "25000"),
        ("Wajib", "wajib", "50000"),
    ):
        response = client.post(
            "/api/v1/dues/plans/", {"name": name, "kind": kind, "amount": amount}
        )
        assert response.status_code == 201, response.data


def _pay(client, number: str, amount: str, date: str = "2026-02-01"):
    return client.post(
        "/api/v1/payments/",
        {"member": number, "amount": amount, "method": "cash", "date": date},
    )


def _sheet(client, as_of: str = "2026-12-31") -> dict[str, str]:
    data = client.get("/api/v1/reports/balance-sheet/", {"as_of": as_of}).data
    return {line["code"]: line["amounts"][0] for line in data["lines"] if line["code"]}


def _equity_shown(client, code: str) -> Decimal:
    return Decimal(_sheet(client).get(code) or 0)


def test_billed_simpanan_is_not_capital_until_paid(treasurer_client, client_for):
    # given a member with pokok 100.000 billed on activation and one period billed
    number = _register(treasurer_client, "Ani")
    _plans(treasurer_client)
    treasurer_client.post("/api/v1/dues/runs/", {"period": "2026-01"})
    member = Member.objects.get(number=number)
    # then nothing of the simpanan billed is capital: not in equity, not in the
    # member's "Simpanan saya", not in the SHU capital base
    assert _equity_shown(treasurer_client, "3-1100") == 0
    assert _equity_shown(treasurer_client, "3-1200") == 0
    shares = treasurer_client.get(f"/api/v1/shares/?member={number}").data["balances"]
    assert (shares["pokok"], shares["wajib"]) == ("0", "0")
    assert capital_bases(year=2026) == {}
    # but the obligation is tracked: 175.000 open, in the arrears report
    arrears = treasurer_client.get("/api/v1/dues/arrears/?as_of=2026-12-31").data
    assert arrears["totals"]["total"] == "175000"
    # and only the iuran sits on the member receivable
    assert _sheet(treasurer_client)["1-1310"] == "25000"
    assert ledger_verify().ok

    # when the member pays 130.000 (pokok, then 30.000 of wajib, oldest first)
    response = _pay(treasurer_client, number, "130000")
    assert response.status_code == 201, response.data

    # then exactly what was paid is capital, everywhere
    assert _equity_shown(treasurer_client, "3-1100") == Decimal(100000)
    assert _equity_shown(treasurer_client, "3-1200") == Decimal(30000)
    shares = treasurer_client.get(f"/api/v1/shares/?member={number}").data["balances"]
    assert (shares["pokok"], shares["wajib"]) == ("100000", "30000")
    assert capital_bases(year=2026) == {member.pk: Decimal(130000)}
    # and the payment entry credits capital directly, naming the member
    entry = JournalEntry.objects.get(reference=response.data["number"])
    credits = {
        (line.account.code, line.amount.amount, line.member_id)
        for line in entry.lines.filter(side="C").select_related("account")
    }
    assert credits == {
        ("3-1100", Decimal(100000), member.pk),
        ("3-1200", Decimal(30000), member.pk),
    }
    assert ledger_verify().ok


def test_waiving_unpaid_wajib_posts_nothing_and_keeps_arrears_right(
    treasurer_client,
):
    number = _register(treasurer_client, "Budi")
    _plans(treasurer_client)
    treasurer_client.post("/api/v1/dues/runs/", {"period": "2026-01"})
    wajib = OpenItem.objects.get(member__number=number, kind="wajib")
    entries = JournalEntry.objects.count()

    response = treasurer_client.post(
        f"/api/v1/dues/invoices/{wajib.pk}/waive/", {"reason": "Keputusan pengurus"}
    )

    assert response.status_code == 200, response.data
    wajib.refresh_from_db()
    assert wajib.status == "waived" and wajib.waive_entry is None
    assert JournalEntry.objects.count() == entries
    arrears = treasurer_client.get("/api/v1/dues/arrears/?as_of=2026-12-31").data
    assert arrears["totals"]["total"] == "125000"  # pokok + iuran
    assert ledger_verify().ok


def test_old_accrued_simpanan_is_taken_off_capital_by_the_migration_service(
    treasurer_client, make_member
):
    # given simpanan wajib billed the old way: posted as capital when billed, 20.000
    # of 50.000 paid
    member = make_member("Citra")
    accrual = entry_post(
        date=dt.date(2026, 1, 1),
        description="Tagihan simpanan wajib (cara lama)",
        lines=[
            LineInput("1-1310", debit=50000, member=member),
            LineInput("3-1200", credit=50000, member=member),
        ],
    )
    item = OpenItem.objects.create(
        member=member,
        kind="wajib",
        bill_key="plan-old",
        period="2026-01",
        due_date=dt.date(2026, 1, 31),
        amount=Decimal(50000),
        account_code="3-1200",
        run_token="old",
        entry=accrual,
    )
    assert _pay(treasurer_client, member.number, "20000").status_code == 201
    assert _equity_shown(treasurer_client, "3-1200") == Decimal(50000)

    # when the data migration's service runs (twice: it is idempotent)
    assert unpaid_capital_unaccrue(date=dt.date(2026, 3, 1)) == 1
    assert unpaid_capital_unaccrue(date=dt.date(2026, 3, 1)) == 0

    # then capital is what was paid, the item is still open and chased, the books
    # verify, and the SHU capital base does not subtract the unpaid part twice
    assert _equity_shown(treasurer_client, "3-1200") == Decimal(20000)
    item.refresh_from_db()
    assert item.status == "open" and item.outstanding == Decimal(30000)
    assert item.unaccrual_entry is not None
    assert capital_bases(year=2026) == {member.pk: Decimal(20000)}
    assert ledger_verify().ok
    # and paying the rest now credits capital directly
    assert _pay(treasurer_client, member.number, "30000").status_code == 201
    assert _equity_shown(treasurer_client, "3-1200") == Decimal(50000)
    assert _sheet(treasurer_client).get("1-1310") in (None, "0")
    assert ledger_verify().ok


@pytest.mark.parametrize("account", ["3-1200", "1-1320", "2-1200", "2-1230", "2-1400"])
def test_manual_entry_on_member_money_needs_a_member(treasurer_client, account):
    body = {
        "date": "2026-01-15",
        "description": "Koreksi",
        "lines": [
            {"account": "1-1100", "debit": "50000"},
            {"account": account, "credit": "50000"},
        ],
    }
    if account == "1-1320":  # a charge: the member owes it
        body["lines"] = [
            {"account": account, "debit": "50000"},
            {"account": "4-9100", "credit": "50000"},
        ]
    response = treasurer_client.post("/api/v1/journal-entries/", body, format="json")

    assert response.status_code == 400, response.data
    assert response.data["code"] == "member_required"
    assert list(response.data["errors"]) == [
        "lines.1.member" if account != "1-1320" else "lines.0.member"
    ]
    assert not JournalEntry.objects.exists()
    # naming the member makes it acceptable
    number = _register(treasurer_client, "Dewi")
    index = 0 if account == "1-1320" else 1
    body["lines"][index]["member"] = number
    response = treasurer_client.post("/api/v1/journal-entries/", body, format="json")
    assert response.status_code == 201, response.data
    assert ledger_verify().ok


def test_the_database_refuses_a_member_money_line_without_member(make_member):
    from django.db import IntegrityError, transaction

    from ledger.models import Account

    entry = JournalEntry.objects.create(
        date=dt.date(2026, 1, 5), description="draft", source="manual"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalLine.objects.create(
            entry=entry,
            account=Account.objects.get(code="2-1200"),
            side="C",
            amount=Decimal(1000),
        )


def _leave(client, number: str) -> None:
    response = client.post(
        f"/api/v1/members/{number}/resign/",
        {"reason": "pindah", "date": "2026-03-01"},
    )
    assert response.status_code == 201, response.data
    response = client.post(
        f"/api/v1/members/{number}/approve-resignation/", {"date": "2026-03-02"}
    )
    assert response.status_code == 200, response.data


def test_a_member_who_left_takes_no_new_money_and_gets_credit_refunded(
    treasurer_client,
):
    # given a member who overpaid (credit 40.000 after the pokok) and then left
    number = _register(treasurer_client, "Eka")
    assert _pay(treasurer_client, number, "140000").status_code == 201
    _leave(treasurer_client, number)
    member = Member.objects.get(number=number)
    assert member.status == "left"
    # (the approval moved that credit into the refund; a bank transfer of 40.000
    # found later is booked to the member's credit by a manual correction)
    correction = treasurer_client.post(
        "/api/v1/journal-entries/",
        {
            "date": "2026-03-04",
            "description": "Transfer anggota keluar ditemukan",
            "lines": [
                {"account": "1-1200", "debit": "40000"},
                {"account": "2-1230", "credit": "40000", "member": number},
            ],
        },
        format="json",
    )
    assert correction.status_code == 201, correction.data

    # then no new deposit or charge is accepted
    deposit = treasurer_client.post(
        "/api/v1/shares/transactions/",
        {
            "member": number,
            "direction": "deposit",
            "amount": "10000",
            "date": "2026-03-05",
            "method": "cash",
        },
    )
    assert deposit.status_code == 409 and deposit.data["code"] == "member_not_active"
    overpay = _pay(treasurer_client, number, "10000", date="2026-03-05")
    assert overpay.status_code == 409 and overpay.data["code"] == "member_not_active"
    treasurer_client.post(
        "/api/v1/products/",
        {"sku": "KAOS", "name": "Kaos", "kind": "goods", "price": "75000"},
        format="json",
    )
    charge = treasurer_client.post(
        "/api/v1/sales/invoices/",
        {
            "customer": {"member": number},
            "date": "2026-03-05",
            "lines": [{"item": "KAOS", "quantity": 1}],
        },
        format="json",
    )
    assert charge.status_code == 409 and charge.data["code"] == "member_not_active"

    # and what is left of the credit is refunded
    url = f"/api/v1/members/{number}/refund-credit/"
    refund = treasurer_client.post(
        url, {"method": "bank", "date": "2026-03-06"}, HTTP_IDEMPOTENCY_KEY="rc-1"
    )
    assert refund.status_code == 201, refund.data
    assert refund.data["amount"] == "40000" and refund.data["credit_left"] == "0"
    replay = treasurer_client.post(
        url, {"method": "bank", "date": "2026-03-06"}, HTTP_IDEMPOTENCY_KEY="rc-1"
    )
    assert replay.status_code == 201 and replay.data == refund.data
    again = treasurer_client.post(url, {"method": "bank", "date": "2026-03-06"})
    assert again.status_code == 409 and again.data["code"] == "insufficient_balance"
    lines = JournalEntry.objects.get(number=refund.data["entry"]).lines.all()
    assert {(line.account.code, line.side) for line in lines} == {
        ("2-1230", "D"),
        ("1-1200", "C"),
    }
    assert ledger_verify().ok


def test_refund_credit_is_for_the_treasurer_and_checks_its_input(
    treasurer_client, auditor_client
):
    number = _register(treasurer_client, "Fajar")
    url = f"/api/v1/members/{number}/refund-credit/"
    assert auditor_client.post(url, {"method": "cash"}).status_code == 403
    missing = treasurer_client.post("/api/v1/members/NOPE/refund-credit/", {})
    assert missing.status_code == 404
    bad = treasurer_client.post(url, {"method": "cheque"})
    assert bad.status_code == 400
    none = treasurer_client.post(url, {"method": "cash"})
    assert none.status_code == 409 and none.data["code"] == "insufficient_balance"
    assert treasurer_client.post(url, {"method": "cash", "amount": "1.000"}).data[
        "code"
    ] == ("invalid_amount")


def test_resignation_takes_its_request_date(treasurer_client):
    number = _register(treasurer_client, "Gita")
    response = treasurer_client.post(
        f"/api/v1/members/{number}/resign/",
        {"reason": "pindah", "date": "2026-04-10"},
    )
    assert response.status_code == 201 and response.data["requested_on"] == (
        "2026-04-10"
    )
    before = treasurer_client.post(
        f"/api/v1/members/{number}/approve-resignation/", {"date": "2026-04-09"}
    )
    assert before.status_code == 400 and before.data["code"] == "invalid_date"
    assert Member.objects.get(number=number).status == "active"
    same_day = treasurer_client.post(
        f"/api/v1/members/{number}/approve-resignation/", {"date": "2026-04-10"}
    )
    assert same_day.status_code == 200, same_day.data
    # the unpaid pokok was never capital: closed, nothing refunded for it
    assert same_day.data["capital"] == "0" and same_day.data["refund"] == "0"
    assert not OpenItem.objects.filter(member__number=number, status="open").exists()
    assert ledger_verify().ok
