"""Statements an auditor can file (issue 12): organisation and period on every
statement (JSON, PDF, XLSX), a signature block in PDF, the prior year beside this
year's figures, and an equity statement with one column per component."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ledger.integrity import ledger_verify
from ledger.selectors import trial_balance
from tests.clock import after_2026  # noqa: F401
from tests.reports.fixtures import RESULT_2026, build_demo, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("after_2026")]
D = Decimal
BASE = "/api/v1/reports/"
ORG = {
    "ESTAMA_ORG_NAME": "Koperasi Estama Jawa Timur",
    "ESTAMA_ORG_LEGAL_NUMBER": "AHU-0001234.AH.01.26.TAHUN 2025",
    "ESTAMA_ORG_ADDRESS": "Jl. Ketintang Baru 12",
    "ESTAMA_ORG_CITY": "Surabaya",
    "ESTAMA_ORG_CHAIR": "Dra. Ratna Dewi",
    "ESTAMA_ORG_TREASURER": "Agus Salim, S.E.",
    "ESTAMA_ORG_SUPERVISOR": "Hj. Nur Aini",
}
STATEMENTS = [
    "balance-sheet/?as_of=2026-12-31",
    "income-statement/?start=2026-01-01&end=2026-12-31",
    "equity-changes/?start=2026-01-01&end=2026-12-31",
    "cash-flow/?start=2026-01-01&end=2026-12-31",
]


@pytest.fixture
def demo(make_member, settings):
    for key, value in ORG.items():
        setattr(settings, key, value)
    return build_demo(make_member)


def _pdf_text(content: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(content))
    return "".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("path", STATEMENTS)
def test_every_statement_names_the_organisation_and_period(demo, auditor_client, path):
    body = auditor_client.get(f"{BASE}{path}").json()
    org = body["organisation"]
    assert org["name"] == ORG["ESTAMA_ORG_NAME"]
    assert org["legal_number"] == ORG["ESTAMA_ORG_LEGAL_NUMBER"]
    assert org["address"] == ORG["ESTAMA_ORG_ADDRESS"]
    assert body["period"] in (
        "Per 31 Desember 2026",
        "Periode 1 Januari 2026 s.d. 31 Desember 2026",
    )
    pdf = auditor_client.get(f"{BASE}{path}&format=pdf")
    text = _pdf_text(pdf.content)
    for value in (
        ORG["ESTAMA_ORG_NAME"],
        ORG["ESTAMA_ORG_LEGAL_NUMBER"],
        ORG["ESTAMA_ORG_ADDRESS"],
        body["period"],
        "Ketua",
        "Bendahara",
        "Pengawas",
        ORG["ESTAMA_ORG_CHAIR"],
        ORG["ESTAMA_ORG_TREASURER"],
        ORG["ESTAMA_ORG_SUPERVISOR"],
    ):
        assert value in text, value
    xlsx = auditor_client.get(f"{BASE}{path}&format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert sheet["A2"].value == body["period"]
    assert ORG["ESTAMA_ORG_LEGAL_NUMBER"] in sheet["A3"].value
    assert f"Ketua: {ORG['ESTAMA_ORG_CHAIR']}" in cells


def test_balance_sheet_and_income_statement_show_the_prior_year(demo, treasurer_client):
    # given 2025 had a sale of Rp 2.000.000 paid in cash
    post(
        dt.date(2025, 6, 1),
        "Jasa 2025",
        ("1-1100", "D", 2_000_000),
        ("4-1210", "C", 2_000_000),
    )
    income = treasurer_client.get(
        f"{BASE}income-statement/?start=2026-01-01&end=2026-12-31"
    ).json()
    assert income["columns"] == ["2026", "2025"]
    result = next(line for line in income["lines"] if line["key"] == "result")
    assert result["amounts"] == [str(RESULT_2026), "2000000"]
    assert income["prior_totals"]["result"] == "2000000"
    sheet = treasurer_client.get(f"{BASE}balance-sheet/?as_of=2026-12-31").json()
    assert sheet["columns"] == ["31 Desember 2026", "31 Desember 2025"]
    assert sheet["prior_totals"]["assets"] == "2000000"
    assert sheet["prior_totals"]["liabilities_and_equity"] == "2000000"
    total = next(line for line in sheet["lines"] if line["key"] == "total_assets")
    assert total["amounts"][1] == "2000000"
    # and ?compare=none drops the comparative column
    single = treasurer_client.get(
        f"{BASE}balance-sheet/?as_of=2026-12-31&compare=none"
    ).json()
    assert len(single["columns"]) == 1 and "prior_totals" not in single
    assert all(len(line["amounts"]) == 1 for line in single["lines"])
    bad = treasurer_client.get(f"{BASE}income-statement/?compare=maybe")
    assert bad.status_code == 400
    pdf = treasurer_client.get(f"{BASE}balance-sheet/?as_of=2026-12-31&format=pdf")
    assert "31 Desember 2025" in _pdf_text(pdf.content)


def _equity(client, start, end):
    body = client.get(f"{BASE}equity-changes/?start={start}&end={end}").json()
    return body, {k: D(v) for k, v in body["totals"].items()}


def test_equity_statement_has_a_column_per_component_agreeing_with_the_tb(
    demo, treasurer_client
):
    # given 2026 closed, its SHU distributed (20% to the reserve) in January 2027
    assert treasurer_client.post("/api/v1/years/2026/close/").status_code == 200
    table = {
        "parts": [
            {"kind": "capital", "percent": "40"},
            {"kind": "business", "percent": "40"},
            {"kind": "reserve", "percent": "20"},
        ]
    }
    treasurer_client.put("/api/v1/shu/2026/allocation/", table, format="json")
    done = treasurer_client.post("/api/v1/shu/2026/distribute/", {"date": "2027-01-20"})
    assert done.status_code == 201, done.content
    body, t = _equity(treasurer_client, "2027-01-01", "2027-12-31")
    assert body["columns"][:6] == [
        "Simpanan pokok",
        "Simpanan wajib",
        "Modal penyertaan",
        "Hibah",
        "Cadangan",
        "SHU",
    ]
    assert [line["key"] for line in body["lines"]] == [
        "row:opening",
        "row:paid_in",
        "row:withdrawn",
        "row:shu_of_year",
        "row:distribution",
        "row:loss_covered",
        "row:closing",
    ]
    # then the distribution takes the SHU out and puts the reserve part in reserve
    assert t["opening:shu"] == RESULT_2026
    assert t["distribution:shu"] == -RESULT_2026
    assert t["distribution:cadangan"] == RESULT_2026 * D("0.2")
    # and every column closes on the trial balance
    tb = {r.account.code: r.balance for r in trial_balance(as_of=END_2027).rows}
    for column, codes in (
        ("simpanan_pokok", ["3-1100"]),
        ("simpanan_wajib", ["3-1200"]),
        ("modal_penyertaan", ["3-1300"]),
        ("cadangan", ["3-2100"]),
        ("shu", ["3-3100", "3-3200"]),
    ):
        assert t[f"closing:{column}"] == -sum(tb.get(c, D(0)) for c in codes), column
    for column in ("simpanan_pokok", "cadangan", "shu"):
        moved = sum(
            t[f"{row}:{column}"]
            for row in (
                "paid_in",
                "withdrawn",
                "shu_of_year",
                "distribution",
                "loss_covered",
            )
        )
        assert t[f"opening:{column}"] + moved == t[f"closing:{column}"], column
    bs = treasurer_client.get(f"{BASE}balance-sheet/?as_of=2027-12-31").json()
    assert t["closing"] == D(bs["totals"]["equity"])
    assert ledger_verify().ok


END_2027 = dt.date(2027, 12, 31)


def test_equity_statement_shows_a_covered_loss(make_member, treasurer_client):
    member = make_member("Ani", number="EQ-001")
    post(
        dt.date(2026, 1, 5),
        "Cadangan",
        ("1-1200", "D", 5_000_000),
        ("3-2100", "C", 5_000_000),
    )
    post(
        dt.date(2026, 2, 1),
        "Pokok",
        ("1-1100", "D", 100_000),
        ("3-1100", "C", 100_000, member),
    )
    post(
        dt.date(2026, 3, 1),
        "Honor",
        ("6-1100", "D", 1_000_000),
        ("1-1200", "C", 1_000_000),
    )
    treasurer_client.post("/api/v1/years/2026/close/")
    cover = treasurer_client.post(
        "/api/v1/shu/2026/cover-loss/", {"reason": "RAT 2027"}
    )
    assert cover.status_code == 201, cover.content
    _, t = _equity(treasurer_client, "2027-01-01", "2027-12-31")
    assert t["opening:shu"] == D(-1_000_000)
    assert t["loss_covered:cadangan"] == D(-1_000_000)
    assert t["loss_covered:shu"] == D(1_000_000)
    assert t["loss_covered"] == 0
    assert t["closing:shu"] == 0 and t["closing:cadangan"] == D(4_000_000)
    _, year = _equity(treasurer_client, "2026-01-01", "2026-12-31")
    assert year["paid_in:simpanan_pokok"] == D(100_000)
    assert year["shu_of_year:shu"] == D(-1_000_000)
    assert year["closing:shu"] == D(-1_000_000)
