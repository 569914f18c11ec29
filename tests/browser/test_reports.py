"""Laporan and Ekspor auditor in a real browser."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from tests.browser.conftest import DESKTOP, PHONE_390, log_in, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_treasurer_compares_a_year_and_downloads_the_pdf(
    live_server, treasurer, post_cash, open_page, screenshot
):
    post_cash(500_000, "other_income", date=dt.date(2025, 3, 10))
    post_cash(800_000, "other_income", date=dt.date(2026, 3, 10))
    page = open_page(DESKTOP)
    log_in(page, live_server.url, "bendahara", "rahasia-123")

    page.get_by_role("link", name="Laporan", exact=True).click()
    page.get_by_label("Laporan", exact=True).select_option("income_statement")
    page.get_by_label("Tahun", exact=True).select_option("2026")
    page.get_by_label("Bandingkan dengan tahun sebelumnya").check()
    page.get_by_role("button", name="Tampilkan").click()

    table = page.locator("table.statement")
    assert "Rp 800.000" in table.inner_text() and "Rp 500.000" in table.inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF").click()
    assert info.value.suggested_filename.endswith(".pdf")
    assert no_sideways_scroll(page, DESKTOP)
    screenshot(page, "reports-1280")


def test_auditor_exports_the_ledger_and_checks_the_sha256(
    live_server, auditor, post_cash, open_page, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    post_cash(800_000, "other_income", date=dt.date(2026, 3, 10))
    page = open_page(PHONE_390)
    log_in(page, live_server.url, "pengawas", "rahasia-123")

    page.goto(f"{live_server.url}/laporan/ekspor/")
    page.get_by_label("Format").select_option("beancount")
    page.get_by_role("button", name="Buat ekspor").click()
    page.wait_for_url("**/tugas/*/")

    assert page.get_by_test_id("job-status").inner_text() == "Selesai"
    sha = page.get_by_test_id("sha256").inner_text()
    with page.expect_download() as file_info:
        page.get_by_role("link", name="Unduh berkas").click()
    content = file_info.value.path().read_bytes()
    with page.expect_download() as manifest_info:
        page.get_by_role("link", name="Unduh manifest").click()
    manifest = json.loads(manifest_info.value.path().read_text(encoding="utf-8"))
    assert hashlib.sha256(content).hexdigest() == sha == manifest["file"]["sha256"]
    assert b"800000" in content
    assert no_sideways_scroll(page, PHONE_390)
    screenshot(page, "export-job-auditor-390")
