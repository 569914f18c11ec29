"""Tunggakan in a real browser: from the dashboard's ageing chart to reminders."""

from __future__ import annotations

import pytest
from django.core import mail

from members.models import ReminderSent
from tests.browser.conftest import DESKTOP, PHONE_390, log_in, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_treasurer_follows_the_ageing_chart_and_reminds_selected_members(
    live_server, treasurer, portal, open_page, screenshot
):
    page = open_page(DESKTOP)
    log_in(page, live_server.url, "bendahara", "rahasia-123")

    # the ageing chart's 1-30 days bar is a link to the list of that bucket
    page.locator('svg[aria-labelledby^="ageing-"] a.bar-link').nth(1).click()
    page.wait_for_url("**/kas/tunggakan/?bucket=d1_30")
    assert page.get_by_role("heading", name="Tunggakan anggota").is_visible()
    rows = page.locator("table.arrears tbody tr")
    # Sari paid last month's iuran; Budi paid 10.000 of it
    assert rows.count() == 1 and "Budi Santoso" in rows.first.inner_text()

    # select Budi only and send
    page.get_by_label("Pilih Budi Santoso").check()
    screenshot(page, "arrears-1280")
    page.get_by_role("button", name="Kirim pengingat email ke yang dipilih").click()
    page.wait_for_load_state()

    assert "1 pengingat email dikirim." in page.content()
    assert list(ReminderSent.objects.values_list("member_id", flat=True)) == [
        portal.budi.pk
    ]
    assert [m.to for m in mail.outbox] == [[portal.budi.email]]
    assert no_sideways_scroll(page, DESKTOP)


def test_auditor_reads_arrears_on_a_phone(
    live_server, auditor, portal, open_page, screenshot
):
    page = open_page(PHONE_390)
    log_in(page, live_server.url, "pengawas", "rahasia-123")
    page.goto(f"{live_server.url}/kas/tunggakan/")

    assert page.get_by_role("heading", name="Tunggakan anggota (pengawas)").is_visible()
    assert (
        page.get_by_role("button", name="Kirim pengingat email ke yang dipilih").count()
        == 0
    )
    assert page.locator("table.arrears tbody tr").count() == 1
    assert no_sideways_scroll(page, PHONE_390)
    screenshot(page, "arrears-auditor-390")
