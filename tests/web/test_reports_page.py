"""Laporan (statements on screen, PDF, XLSX, prior-year comparison) and Ekspor
auditor (background export with a manifest carrying the file's SHA-256)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json

import pytest
from openpyxl import load_workbook

from jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(post_cash):
    post_cash(500_000, "other_income", date=dt.date(2025, 3, 10))
    post_cash(800_000, "other_income", date=dt.date(2026, 3, 10))
    post_cash(-100_000, "6-1200", date=dt.date(2026, 4, 2))


def test_income_statement_of_a_year_with_the_prior_year(web_client, treasurer, books):
    response = web_client(treasurer).get(
        "/laporan/?statement=income_statement&mode=year&year=2026&compare=1"
    )

    assert response.status_code == 200
    assert response.context["compared"]
    assert response.context["columns"][-1].endswith("2025")
    html = response.content.decode()
    assert "Rp 800.000" in html and "Rp 500.000" in html
    assert "Rp 700.000" in html  # the 2026 result: 800.000 - 100.000


def test_month_and_range_periods(web_client, treasurer, books):
    client = web_client(treasurer)

    march = client.get("/laporan/?statement=income_statement&mode=month&month=2026-04")
    span = client.get(
        "/laporan/?statement=cash_flow&mode=range&start=2026-03-01&end=2026-03-31"
    )
    bad = client.get("/laporan/?mode=range&start=2026-05-01&end=2026-01-01")

    assert "Rp 800.000" not in march.content.decode()
    assert "Rp 100.000" in march.content.decode()
    assert "Rp 800.000" in span.content.decode()
    assert bad.status_code == 200 and bad.context["errors"]


def test_pdf_and_xlsx_downloads(web_client, treasurer, books):
    client = web_client(treasurer)
    base = "/laporan/?statement=balance_sheet&mode=year&year=2026&compare=1"

    pdf = client.get(base + "&format=pdf")
    xlsx = client.get(base + "&format=xlsx")

    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert 1_200_000 in cells and 500_000 in cells  # cash now and a year earlier


def test_auditor_exports_the_ledger_with_a_manifest(
    web_client, auditor, books, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    client = web_client(auditor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/laporan/ekspor/",
            {"format": "hledger", "start": "2026-01-01", "end": "2026-12-31"},
        )

    job = Job.objects.get()
    assert response["Location"] == f"/tugas/{job.pk}/"
    assert job.status == "done" and job.result["entry_count"] == 2
    page = client.get(f"/tugas/{job.pk}/").content.decode()
    assert job.result["sha256"] in page
    content = b"".join(client.get(f"/tugas/{job.pk}/file/").streaming_content)
    manifest = json.loads(
        b"".join(client.get(f"/tugas/{job.pk}/manifest/").streaming_content)
    )
    assert hashlib.sha256(content).hexdigest() == manifest["file"]["sha256"]
    assert manifest["file"]["sha256"] == job.result["sha256"]
    assert manifest["entry_count"] == 2
    assert client.get(f"/tugas/{job.pk}/other/").status_code == 404


def test_export_refuses_a_bad_range(web_client, treasurer, books):
    response = web_client(treasurer).post(
        "/laporan/ekspor/",
        {"format": "csv", "start": "2026-05-01", "end": "2026-01-01"},
    )
    assert response.status_code == 200 and response.context["errors"]
    assert not Job.objects.exists()


def test_members_cannot_open_reports_or_exports(web_client, portal):
    client = web_client(portal.sari.user)
    assert client.get("/laporan/").status_code == 404
    assert client.get("/laporan/ekspor/").status_code == 404
