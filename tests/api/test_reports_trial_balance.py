"""The trial balance (helper B's view) downloads as XLSX and PDF too."""

import io

import pytest
from openpyxl import load_workbook

from tests.reports.fixtures import CASH_END_2026, build_demo

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/trial-balance/"


@pytest.fixture
def demo(make_member):
    return build_demo(make_member)


def test_trial_balance_xlsx(demo, auditor_client):
    response = auditor_client.get(f"{URL}?as_of=2026-12-31&format=xlsx")
    assert response.status_code == 200, response.content[:300]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Neraca Saldo"
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    kas = next(r for r in rows if r[0] == "1-1100")
    assert kas[2] == CASH_END_2026 and kas[3] is None
    total = rows[-1]
    assert total[2] == total[3] and isinstance(total[2], int | float)


def test_trial_balance_pdf_and_json_unchanged(demo, treasurer_client):
    pdf = treasurer_client.get(f"{URL}?as_of=2026-12-31&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    body = treasurer_client.get(f"{URL}?as_of=2026-12-31").json()
    assert body["total_debit"] == body["total_credit"]
