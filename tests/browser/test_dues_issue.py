"""Terbitkan iuran in a real browser: month picker, preview, background job."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.models import JournalLine
from members.models import OpenItem
from members.services import dues_plan_create
from tests.browser.conftest import DESKTOP, log_in, no_sideways_scroll

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
