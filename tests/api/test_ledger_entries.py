"""Journal entries through the API: posting, reading, filtering, reversing."""

import datetime as dt

import pytest

from ledger.models import JournalEntry
from ledger.services import LineInput, entry_post

URL = "/api/v1/journal-entries/"


def body(amount="100000", *, date="2026-01-15", debit="1-1100", credit="4-9100"):
    return {
        "date": date,
        "description": "Pendapatan lain",
        "lines": [
            {"account": debit, "debit": amount},
            {"account": credit, "credit": amount},
        ],
    }


def post_entry(day=15, amount="1000", debit="1-1100", credit="4-9100", **kw):
    return entry_post(
        date=dt.date(2026, 1, day),
        description="Uji",
        lines=[
            LineInput(debit, debit=amount, member=kw.get("member")),
            LineInput(credit, credit=amount),
        ],
        source=kw.get("source", "manual"),
    )


@pytest.mark.django_db
def test_treasurer_posts_balanced_entry_and_sees_it_in_trial_balance(
    treasurer_client,
):
    response = treasurer_client.post(URL, body(), format="json")

    assert response.status_code == 201, response.data
    entry = response.data
    assert entry["number"] == "JU-2026-000001"
    assert entry["status"] == "posted"
    assert entry["source"] == "manual"
    assert entry["posted_by"] == "bendahara"
    assert entry["total"] == "100000"
    assert entry["currency"] == "IDR"
    assert len(entry["hash"]) == 64
    assert entry["reverses"] is None and entry["reversed_by"] is None
    assert entry["lines"][0] == {
        "account": "1-1100",
        "account_name": "Kas",
        "debit": "100000",
        "credit": "0",
        "currency": "IDR",
        "member": None,
        "memo": "",
    }
    tb = treasurer_client.get(
        "/api/v1/reports/trial-balance/", {"as_of": "2026-01-31"}
    ).data
    rows = {row["code"]: row for row in tb["accounts"]}
    assert rows["1-1100"]["debit"] == "100000"
    assert rows["4-9100"]["credit"] == "100000"
    assert tb["total_debit"] == tb["total_credit"] == "100000"


@pytest.mark.django_db
def test_unbalanced_entry_is_refused_with_its_code(treasurer_client):
    payload = body()
    payload["lines"][1]["credit"] = "90000"

    response = treasurer_client.post(URL, payload, format="json")

    assert response.status_code == 400
    assert response.data["code"] == "unbalanced_entry"
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
def test_fractional_rupiah_is_refused_as_invalid_amount(treasurer_client):
    response = treasurer_client.post(URL, body("100000.50"), format="json")

    assert response.status_code == 400
    assert response.data["code"] == "invalid_amount"
    assert "lines.0.debit" in response.data["errors"]


@pytest.mark.django_db
def test_unknown_member_number_is_invalid_member(treasurer_client):
    payload = body()
    payload["lines"][0]["member"] = "NOPE-1"

    response = treasurer_client.post(URL, payload, format="json")

    assert response.status_code == 400
    assert response.data["code"] == "invalid_member"
    assert "lines.0.member" in response.data["errors"]


@pytest.mark.django_db
def test_member_line_is_shown_by_number(treasurer_client, make_member):
    member = make_member()
    payload = body(debit="1-1100", credit="2-1200")
    payload["lines"][1]["member"] = member.number

    response = treasurer_client.post(URL, payload, format="json")

    assert response.status_code == 201, response.data
    assert response.data["lines"][1]["member"] == member.number


@pytest.mark.django_db
def test_posting_into_a_locked_month_is_409(treasurer_client):
    treasurer_client.post("/api/v1/periods/2026-01/lock/")

    response = treasurer_client.post(URL, body(), format="json")

    assert response.status_code == 409
    assert response.data["code"] == "period_locked"


@pytest.mark.django_db
def test_member_cannot_post_or_read_entries(client_for, make_member):
    member_client = client_for(make_member(login=True).user)

    assert member_client.post(URL, body(), format="json").status_code == 403
    assert member_client.get(URL).status_code == 403
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
def test_auditor_reads_but_cannot_post(auditor_client):
    entry = post_entry()

    assert auditor_client.post(URL, body(), format="json").status_code == 403
    listing = auditor_client.get(URL)
    assert listing.status_code == 200
    assert listing.data["count"] == 1
    detail = auditor_client.get(f"{URL}{entry.number}/")
    assert detail.status_code == 200
    assert detail.data["number"] == entry.number


@pytest.mark.django_db
def test_unknown_entry_number_is_404(treasurer_client):
    response = treasurer_client.get(f"{URL}JU-2026-999999/")

    assert response.status_code == 404
    assert response.data["code"] == "not_found"


@pytest.mark.django_db
def test_reverse_posts_mirror_once_then_409(treasurer_client):
    entry = post_entry(amount="5000")

    first = treasurer_client.post(
        f"{URL}{entry.number}/reverse/", {"date": "2026-01-20"}, format="json"
    )
    second = treasurer_client.post(f"{URL}{entry.number}/reverse/", {}, format="json")

    assert first.status_code == 201, first.data
    assert first.data["reverses"] == entry.number
    assert first.data["source"] == "reversal"
    assert first.data["lines"][0]["credit"] == "5000"
    assert second.status_code == 409
    assert second.data["code"] == "already_reversed"
    original = treasurer_client.get(f"{URL}{entry.number}/").data
    assert original["reversed_by"] == first.data["number"]


@pytest.mark.django_db
def test_reverse_into_locked_period_is_409(treasurer_client):
    entry = post_entry()
    treasurer_client.post("/api/v1/periods/2026-02/lock/")

    response = treasurer_client.post(
        f"{URL}{entry.number}/reverse/", {"date": "2026-02-03"}, format="json"
    )

    assert response.status_code == 409
    assert response.data["code"] == "period_locked"


@pytest.mark.django_db
def test_auditor_cannot_reverse(auditor_client):
    entry = post_entry()

    response = auditor_client.post(f"{URL}{entry.number}/reverse/", {}, format="json")

    assert response.status_code == 403
    assert not JournalEntry.objects.filter(reverses=entry).exists()


@pytest.mark.django_db
def test_list_filters(treasurer_client, make_member):
    member = make_member()
    cash = post_entry(day=3, debit="1-1100")
    bank = post_entry(day=10, debit="1-1200", source="dues")
    with_member = post_entry(day=20, debit="1-1310", member=member)

    def numbers(**params):
        response = treasurer_client.get(URL, params)
        assert response.status_code == 200, response.data
        return {entry["number"] for entry in response.data["results"]}

    assert numbers() == {cash.number, bank.number, with_member.number}
    assert numbers(date_from="2026-01-05") == {bank.number, with_member.number}
    assert numbers(date_to="2026-01-10") == {cash.number, bank.number}
    assert numbers(account="1-1200") == {bank.number}
    assert numbers(account="4-9100") == {cash.number, bank.number, with_member.number}
    assert numbers(source="dues") == {bank.number}
    assert numbers(member=member.number) == {with_member.number}
    assert numbers(status="draft") == set()


@pytest.mark.django_db
def test_list_filter_with_bad_date_is_invalid_date(treasurer_client):
    response = treasurer_client.get(URL, {"date_from": "2026-13-01"})

    assert response.status_code == 400
    assert response.data["code"] == "invalid_date"


def _list_queries(client, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured.captured_queries), response.data["count"]


@pytest.mark.django_db
def test_list_query_count_does_not_grow_with_entries(
    treasurer_client, make_member, django_assert_max_num_queries
):
    member = make_member()
    for day in (1, 2):
        post_entry(day=day, member=member, debit="1-1310")
    few, count = _list_queries(treasurer_client, django_assert_max_num_queries, 15)
    assert count == 2
    for day in range(3, 23):
        post_entry(day=day, member=member, debit="1-1310")
    first = JournalEntry.objects.order_by("id").first()
    treasurer_client.post(f"{URL}{first.number}/reverse/", {}, format="json")

    many, count = _list_queries(treasurer_client, django_assert_max_num_queries, few)

    assert count == 23
    assert many == few


@pytest.mark.django_db
def test_an_entry_dated_years_ahead_is_refused_with_invalid_date(treasurer_client):
    far = dt.date(dt.date.today().year + 4, 1, 15).isoformat()

    response = treasurer_client.post(URL, body(date=far), format="json")

    assert response.status_code == 400, response.data
    assert response.data["code"] == "invalid_date"
    assert "date" in response.data["errors"]
    assert not JournalEntry.objects.exists()
