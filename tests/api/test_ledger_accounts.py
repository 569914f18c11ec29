"""Chart of accounts, account detail and account ledger through the API."""

import datetime as dt

import pytest

from ledger.services import LineInput, entry_post


def post(day, amount, debit="1-1100", credit="4-9100", month=1):
    return entry_post(
        date=dt.date(2026, month, day),
        description=f"Uji {day}",
        lines=[LineInput(debit, debit=amount), LineInput(credit, credit=amount)],
    )


@pytest.mark.django_db
def test_chart_lists_accounts_with_normal_side_balances(treasurer_client):
    post(5, "250000")
    post(6, "50000", debit="6-1200", credit="1-1100")

    response = treasurer_client.get(
        "/api/v1/accounts/", {"as_of": "2026-01-31", "page_size": 500}
    )

    assert response.status_code == 200
    rows = {row["code"]: row for row in response.data["results"]}
    assert response.data["count"] == len(rows)
    assert rows["1-1100"]["balance"] == "200000"
    assert rows["4-9100"]["balance"] == "250000"  # credit-normal shows positive
    assert rows["1"]["is_group"] is True
    assert rows["1"]["balance"] == "200000"
    assert rows["1-1100"]["parent"] == "1-1"
    assert rows["1-1390"]["is_contra"] is True
    assert set(rows["1-1100"]) == {
        "code",
        "name",
        "name_en",
        "type",
        "is_contra",
        "is_group",
        "parent",
        "currency",
        "is_active",
        "balance",
    }


@pytest.mark.django_db
def test_chart_as_of_excludes_later_postings(auditor_client):
    post(5, "1000")
    post(5, "2000", month=2)

    response = auditor_client.get(
        "/api/v1/accounts/", {"as_of": "2026-01-31", "page_size": 500}
    )

    rows = {row["code"]: row for row in response.data["results"]}
    assert rows["1-1100"]["balance"] == "1000"


@pytest.mark.django_db
def test_chart_query_count_is_constant(treasurer_client, django_assert_max_num_queries):
    post(1, "1000")
    with django_assert_max_num_queries(8):
        response = treasurer_client.get("/api/v1/accounts/")
    assert response.status_code == 200
    for day in range(2, 20):
        post(day, "1000", debit="1-1200", credit="4-1110")
    with django_assert_max_num_queries(8):
        assert treasurer_client.get("/api/v1/accounts/").status_code == 200


@pytest.mark.django_db
def test_account_detail_and_unknown_code(treasurer_client):
    post(5, "7000")

    detail = treasurer_client.get("/api/v1/accounts/1-1100/")
    missing = treasurer_client.get("/api/v1/accounts/9-9999/")

    assert detail.status_code == 200
    assert detail.data["code"] == "1-1100"
    assert detail.data["balance"] == "7000"
    assert missing.status_code == 404
    assert missing.data["code"] == "not_found"


@pytest.mark.django_db
def test_account_ledger_pages_with_running_balance_and_opening(treasurer_client):
    post(2, "1000")
    post(3, "2000")
    post(4, "500", debit="6-1200", credit="1-1100")
    post(5, "4000")

    response = treasurer_client.get(
        "/api/v1/accounts/1-1100/ledger/",
        {"date_from": "2026-01-03", "page_size": 2},
    )
    page2 = treasurer_client.get(response.data["next"])

    assert response.status_code == 200, response.data
    assert response.data["opening_balance"] == "1000"
    assert "count" not in response.data
    assert response.data["previous"] is None
    assert response.data["account"] == "1-1100"
    first, second = response.data["results"]
    assert (first["debit"], first["credit"], first["balance"]) == ("2000", "0", "3000")
    assert (second["debit"], second["credit"], second["balance"]) == (
        "0",
        "500",
        "2500",
    )
    assert first["entry"].startswith("JU-2026-")
    assert first["date"] == "2026-01-03"
    assert page2.status_code == 200, page2.data
    assert [row["balance"] for row in page2.data["results"]] == ["6500"]
    assert page2.data["next"] is None
    back = treasurer_client.get(page2.data["previous"])
    assert back.data["results"] == response.data["results"]
    assert back.data["previous"] is None


@pytest.mark.django_db
def test_account_ledger_last_page_walks_back_to_the_first(treasurer_client):
    # Given seven cash receipts, one a day
    for day in range(1, 8):
        post(day, "1000")
    url = "/api/v1/accounts/1-1100/ledger/"

    # When the ledger is opened at its end, three lines a page
    last = treasurer_client.get(url, {"last": "true", "page_size": 3})

    # Then the last page holds the last three lines with their running balances
    assert [row["balance"] for row in last.data["results"]] == [
        "5000",
        "6000",
        "7000",
    ]
    assert last.data["next"] is None
    # and walking back reaches the first line with the same balances
    balances = [row["balance"] for row in last.data["results"]]
    link = last.data["previous"]
    while link:
        page = treasurer_client.get(link)
        balances = [row["balance"] for row in page.data["results"]] + balances
        link = page.data["previous"]
    assert balances == [f"{n}000" for n in range(1, 8)]


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["garbage", "bi4yMDI2LTAxLTAxLng", "%%%"])
def test_a_forged_ledger_cursor_is_invalid_cursor(treasurer_client, cursor):
    post(1, "1000")

    response = treasurer_client.get(
        "/api/v1/accounts/1-1100/ledger/", {"cursor": cursor}
    )

    assert response.status_code == 400, response.data
    assert response.data["code"] == "invalid_cursor"
    assert "cursor" in response.data["errors"]


@pytest.mark.django_db
def test_member_cannot_read_accounts(client_for, make_member):
    client = client_for(make_member(login=True).user)

    assert client.get("/api/v1/accounts/").status_code == 403
    assert client.get("/api/v1/accounts/1-1100/ledger/").status_code == 403


@pytest.mark.django_db
def test_group_account_ledger_is_refused(treasurer_client):
    response = treasurer_client.get("/api/v1/accounts/1-1/ledger/")

    assert response.status_code == 400
    assert response.data["code"] == "invalid_account"


@pytest.mark.django_db
def test_account_ledger_query_count_is_constant(
    treasurer_client, django_assert_max_num_queries
):
    url = "/api/v1/accounts/1-1100/ledger/"
    for day in (1, 2):
        post(day, "1000")
    with django_assert_max_num_queries(15) as few:
        assert treasurer_client.get(url).status_code == 200
    for day in range(3, 25):
        post(day, "1000")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = treasurer_client.get(url)

    assert len(response.data["results"]) == 24
    assert response.data["results"][-1]["balance"] == "24000"
