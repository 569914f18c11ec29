"""Ledger export endpoints and the members' cash book."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from ledger.models import JournalEntry
from ledger.selectors import posted_lines
from tests.reports.fixtures import BANK_END_2026, CASH_END_2026, build_demo

pytestmark = pytest.mark.django_db
URL = "/api/v1/exports/ledger/"


@pytest.fixture
def demo(make_member):
    return build_demo(make_member)


def _content(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_csv_is_streamed(demo, auditor_client):
    response = auditor_client.get(f"{URL}?format=csv&start=2026-01-01&end=2026-12-31")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_content(response).decode())))
    assert len(rows) == posted_lines().count()
    assert all(not r["description"].startswith(("=", "+", "-", "@")) for r in rows)


def test_xlsx_download(demo, treasurer_client):
    response = treasurer_client.get(f"{URL}?format=xlsx&end=2026-12-31")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(_content(response)), read_only=True).active
    assert sum(1 for _ in sheet.iter_rows()) == posted_lines().count() + 1


@pytest.mark.parametrize("fmt", ["beancount", "hledger"])
def test_journals_download(demo, auditor_client, fmt):
    response = auditor_client.get(f"{URL}?format={fmt}&start=2026-03-01&end=2026-12-31")
    assert response.status_code == 200
    text = _content(response).decode()
    assert "Saldo awal per 2026-02-28" in text
    assert "5550000 IDR" in text


def test_manifest(demo, auditor_client):
    response = auditor_client.get(f"{URL}manifest/?end=2026-12-31")
    assert response.status_code == 200
    body = response.json()
    assert body["entry_count"] == JournalEntry.objects.posted().count() == 14
    assert body["first_number"] == "JU-2026-000001"
    assert body["total_debit"] == body["total_credit"]
    assert json.dumps(body)


@pytest.mark.parametrize(
    "query",
    [
        "format=pdf",
        "",
        "format=csv&start=2026-12-31&end=2026-01-01",
        "format=csv&end=x",
    ],
)
def test_bad_export_queries(demo, auditor_client, query):
    response = auditor_client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_members_cannot_export(demo, make_member, client_for):
    client = client_for(make_member("Anggota", login=True).user)
    assert client.get(f"{URL}?format=csv").status_code == 403
    assert client.get(f"{URL}manifest/").status_code == 403


def test_cashbook_for_every_role_without_member_data(
    demo, make_member, client_for, auditor_client
):
    member = make_member("Anggota Baca", login=True)
    response = client_for(member.user).get("/api/v1/cashbook/?year=2026")
    assert response.status_code == 200
    body = response.json()
    text = json.dumps(body)
    for m in (demo.m1, demo.m2, demo.m3):
        assert m.number not in text and m.name not in text
    assert body["opening_balance"] == "0"
    assert body["closing_balance"] == str(CASH_END_2026 + BANK_END_2026)
    march = body["months"][2]
    assert march["month"] == "2026-03"
    assert march["money_in"]["sales_services"] == "5550000"
    january = body["months"][0]
    assert january["money_in"]["dues_shares"] == "3000000"
    assert january["money_in"]["other"] == "50000000"
    june = body["months"][5]
    assert june["money_out"]["operating_expenses"] == "2000000"
    # the October transfer from cash to bank is neither in nor out
    assert body["months"][9]["total_in"] == body["months"][9]["total_out"] == "0"
    assert auditor_client.get("/api/v1/cashbook/?year=2026").status_code == 200
    assert auditor_client.get("/api/v1/cashbook/?year=abc").status_code == 400


def test_cashbook_query_count_is_constant(
    demo, treasurer_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert treasurer_client.get("/api/v1/cashbook/?year=2026").status_code == 200


def _schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _component(schema: dict, ref: str) -> dict:
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_manifest_schema_describes_what_the_view_returns(demo, auditor_client):
    # given the OpenAPI contract of the manifest endpoint
    schema = _schema()
    ok = schema["paths"]["/api/v1/exports/ledger/manifest/"]["get"]["responses"]["200"]
    ref = ok["content"]["application/json"]["schema"]["$ref"]
    component = _component(schema, ref)
    # when the manifest is read
    body = auditor_client.get(f"{URL}manifest/?end=2026-12-31").json()
    # then every key returned is documented, and every documented key is returned
    assert set(component["properties"]) == set(body)
    account = _component(schema, component["properties"]["accounts"]["items"]["$ref"])
    assert set(account["properties"]) == set(body["accounts"][0])


def test_statement_errors_are_documented_as_json_only():
    schema = _schema()
    for path in (
        "/api/v1/reports/balance-sheet/",
        "/api/v1/reports/income-statement/",
        "/api/v1/reports/equity-changes/",
        "/api/v1/reports/cash-flow/",
    ):
        responses = schema["paths"][path]["get"]["responses"]
        assert len(responses["200"]["content"]) == 3
        for code in ("400", "401", "403", "404"):
            assert list(responses[code]["content"]) == ["application/json"], path
