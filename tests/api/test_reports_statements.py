"""Statement endpoints: JSON, XLSX and PDF; dates; who may read."""

import io

import pytest
from openpyxl import load_workbook

from tests.reports.fixtures import RESULT_2026, build_demo

pytestmark = pytest.mark.django_db
BASE = "/api/v1/reports/"


@pytest.fixture
def demo(make_member):
    return build_demo(make_member)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("balance-sheet", "as_of=2026-12-31"),
        ("income-statement", "start=2026-01-01&end=2026-12-31"),
        ("equity-changes", "start=2026-01-01&end=2026-12-31"),
        ("cash-flow", "start=2026-01-01&end=2026-12-31"),
    ],
)
def test_statements_as_json(demo, auditor_client, path, query):
    response = auditor_client.get(f"{BASE}{path}/?{query}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["currency"] == "IDR"
    assert body["lines"] and body["totals"]
    assert all(isinstance(v, str) for v in body["totals"].values())


def test_income_statement_json_and_english(demo, treasurer_client):
    body = treasurer_client.get(
        f"{BASE}income-statement/?start=2026-01-01&end=2026-12-31"
    ).json()
    assert body["title"] == "Laporan Perhitungan Hasil Usaha"
    assert body["totals"]["result"] == str(RESULT_2026)
    assert body["totals"]["revenue_member"] == "8000000"
    assert body["totals"]["revenue_non_member"] == "7000000"
    english = treasurer_client.get(
        f"{BASE}income-statement/?start=2026-01-01&end=2026-12-31&lang=en"
    ).json()
    assert english["title"] == "Statement of Income (SHU)"


def test_balance_sheet_balances(demo, treasurer_client):
    totals = treasurer_client.get(f"{BASE}balance-sheet/?as_of=2026-12-31").json()[
        "totals"
    ]
    assert totals["assets"] == totals["liabilities_and_equity"]


@pytest.mark.parametrize(
    "query",
    [
        "as_of=2026-13-01",
        "as_of=nope",
        "as_of=0001-01-01",
        "start=2026-12-31&end=2026-01-01",
        "start=2026-02-30",
    ],
)
def test_bad_dates_answer_invalid_date(demo, treasurer_client, query):
    path = "balance-sheet" if "as_of" in query else "cash-flow"
    response = treasurer_client.get(f"{BASE}{path}/?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_date"


def test_bad_date_with_xlsx_format_is_still_a_json_error(demo, treasurer_client):
    response = treasurer_client.get(f"{BASE}balance-sheet/?as_of=x&format=xlsx")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "invalid_date"


def test_xlsx_download_has_numeric_amounts(demo, treasurer_client):
    response = treasurer_client.get(
        f"{BASE}income-statement/?start=2026-01-01&end=2026-12-31&format=xlsx"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Laporan Perhitungan Hasil Usaha"
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert values["Sisa hasil usaha (SHU)"] == 9_000_000
    assert isinstance(values["Sisa hasil usaha (SHU)"], int | float)


def test_pdf_download(demo, auditor_client):
    response = auditor_client.get(f"{BASE}balance-sheet/?as_of=2026-12-31&format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pdf_reads_in_bahasa_indonesia_with_rupiah(demo, treasurer_client):
    pypdf = pytest.importorskip("pypdf", reason="pip install -r requirements-dev.txt")
    response = treasurer_client.get(
        f"{BASE}income-statement/?start=2026-01-01&end=2026-12-31&format=pdf"
    )
    text = "".join(
        page.extract_text()
        for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Laporan Perhitungan Hasil Usaha" in text
    assert "Periode 1 Januari 2026 s.d. 31 Desember 2026" in text
    assert "Rp 9.000.000" in text
    assert "-Rp 1.000.000" in text


def test_pdf_amounts_in_rupiah_format():
    from api.reports.renderers import document_from_data
    from reports.documents import pdf_bytes

    doc = document_from_data(
        {
            "statement": "balance_sheet",
            "title": "Laporan Posisi Keuangan",
            "lang": "id",
            "as_of": "2026-12-31",
            "columns": ["Jumlah"],
            "lines": [{"label": "Kas", "amounts": ["1234567"], "kind": "account"}],
        }
    )
    assert doc.subtitle == "Per 31 Desember 2026"
    assert pdf_bytes(doc).startswith(b"%PDF")


def test_members_and_anonymous_cannot_read_statements(demo, make_member, client_for):
    member = make_member("Anggota", login=True)
    assert client_for(member.user).get(f"{BASE}balance-sheet/").status_code == 403
    assert client_for(None).get(f"{BASE}balance-sheet/").status_code in (401, 403)


def test_unknown_format_is_not_a_server_error(demo, treasurer_client):
    response = treasurer_client.get(f"{BASE}balance-sheet/?format=docx")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "balance-sheet/?as_of=2026-12-31",
        "income-statement/?start=2026-01-01&end=2026-12-31",
        "equity-changes/?start=2026-01-01&end=2026-12-31",
        "cash-flow/?start=2026-01-01&end=2026-12-31",
    ],
)
def test_statement_query_count_is_constant(
    demo, treasurer_client, django_assert_max_num_queries, path
):
    with django_assert_max_num_queries(16):
        assert treasurer_client.get(f"{BASE}{path}").status_code == 200
