"""Terbitkan iuran in a real browser: month picker, preview, background job."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.models import JournalLine
from members.models import OpenItem
from members.services import dues_plan_create
from tests.browser.conftest import DESKTOP, PHONE_390, log_in, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_treasurer_previews_and_issues_a_month(
    live_server, treasurer, make_member, open_page, screenshot
):
    dues_plan_create(name="Iuran bulanan", kind="iuran", amount=Decimal(25000))
    members = [make_member(f"Anggota {n}") for n in range(4)]
    make_member("Calon", status="applicant")
    page = open_page(DESKTOP)
    log_in(page, live_server.url, "bendahara", "rahasia-123")

    page.get_by_role("link", name="Iuran", exact=True).click()
    page.get_by_label("Bulan").fill("2026-09")
    page.get_by_role("button", name="Pratinjau").click()
    assert page.get_by_test_id("to-bill").inner_text() == "4"
    assert page.get_by_test_id("to-bill-total").inner_text() == "Rp 100.000"
    assert "Calon anggota (belum aktif): 1" in page.locator("main").inner_text()
    screenshot(page, "dues-preview-1280")
    page.get_by_role("button", name="Terbitkan 4 tagihan September 2026").click()
    page.wait_for_url("**/tugas/*/")

    assert page.get_by_test_id("job-status").inner_text() == "Selesai"
    assert (
        "4 tagihan baru diterbitkan" in page.get_by_test_id("job-summary").inner_text()
    )
    assert page.locator("progress").get_attribute("value") == "100"
    assert OpenItem.objects.filter(period="2026-09").count() == 4
    receivable = JournalLine.objects.filter(
        account__code="1-1310", member__in=members, entry__date__month=9
    )
    assert sum(line.amount.amount for line in receivable) == Decimal(100000)
    assert no_sideways_scroll(page, DESKTOP)
    screenshot(page, "dues-job-1280")

    # the run is in the task history with its outcome
    page.get_by_role("link", name="Riwayat tugas").click()
    assert "web.dues_issue_job" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Terbitkan iuran #").count() == 1
    screenshot(page, "task-history-1280")


def test_auditor_reads_the_task_history_on_a_phone(
    live_server, auditor, open_page, screenshot
):
    from ledger.tasks import ledger_verify_nightly

    ledger_verify_nightly.delay()
    page = open_page(PHONE_390)
    log_in(page, live_server.url, "pengawas", "rahasia-123")
    page.goto(f"{live_server.url}/tugas/")

    assert page.get_by_role("heading", name="Riwayat tugas").is_visible()
    assert "ledger.verify_nightly" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Ubah jadwal di admin").count() == 0
    assert no_sideways_scroll(page, PHONE_390)
    screenshot(page, "task-history-auditor-390")
