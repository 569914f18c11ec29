"""Terima pembayaran in a real browser: dashboard -> member -> receipt."""

from __future__ import annotations

from decimal import Decimal

import pytest

from members.models import Payment
from members.selectors import member_credit
from tests.browser.conftest import (
    DESKTOP,
    PHONE_390,
    count_navigations,
    log_in,
    no_sideways_scroll,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280", "390"])
def test_treasurer_takes_a_payment_from_the_dashboard_in_three_actions(
    live_server, treasurer, portal, open_page, screenshot, viewport
):
    page = open_page(viewport)
    log_in(page, live_server.url, "bendahara", "rahasia-123")
    assert page.url.endswith("/dashboard/")
    navigations = count_navigations(page)

    # the member is found with the type-ahead on the dashboard (no page load)
    page.get_by_label("Terima pembayaran dari (nomor atau nama anggota)").fill("Budi")
    suggestion = page.locator("#member-q-list a", has_text="Budi Santoso")
    suggestion.wait_for()
    assert navigations == []
    suggestion.click()  # action 1
    page.wait_for_url("**/kas/terima/?member=*")

    # the amount is prefilled with what Budi owes: 15.000 + 25.000
    amount = page.get_by_label("Jumlah diterima (Rp)")
    assert amount.input_value() == "40000"
    # typing more shows the overpayment becoming credit, before saving
    amount.fill("50.000")
    summary = page.locator("#allocation-summary")
    assert "Rp 10.000 menjadi titipan anggota" in summary.inner_text()
    assert page.locator("tr.is-settled").count() == 2
    page.get_by_label("Transfer bank").check()
    page.get_by_label("Referensi (nomor transfer, catatan)").fill("TRF-77")
    screenshot(page, f"receive-form-{viewport['width']}")
    assert no_sideways_scroll(page, viewport)
    page.get_by_role("button", name="Simpan dan buat kuitansi").click()  # action 2
    page.wait_for_url("**/kas/kuitansi/*/")

    # then the receipt is on screen, reached in at most three page actions
    assert len(navigations) <= 3
    payment = Payment.objects.get(member=portal.budi, reference="TRF-77")
    assert page.get_by_test_id("receipt-number").inner_text() == payment.number
    assert payment.amount.amount == Decimal(50000) and payment.method == "bank"
    assert payment.entry.lines.filter(account__code="1-1200").exists()
    assert member_credit(member=portal.budi) == Decimal(10000)
    assert page.get_by_role("button", name="Cetak").is_visible()
    assert (
        page.get_by_test_id("whatsapp")
        .get_attribute("href")
        .startswith("https://wa.me/")
    )
    pdf = page.get_by_role("link", name="Unduh PDF").get_attribute("href")
    assert page.request.get(live_server.url + pdf).body()[:4] == b"%PDF"
    assert no_sideways_scroll(page, viewport)
    screenshot(page, f"receipt-{viewport['width']}")


def test_search_form_works_without_javascript(
    live_server, treasurer, portal, browser, screenshot
):
    context = browser.new_context(
        viewport=DESKTOP, java_script_enabled=False, locale="id-ID"
    )
    page = context.new_page()
    log_in(page, live_server.url, "bendahara", "rahasia-123")
    page.get_by_label("Terima pembayaran dari (nomor atau nama anggota)").fill(
        "Santoso"
    )
    page.get_by_role("button", name="Cari").click()
    # one hit: the form is open; "Hitung ulang" previews on the server
    page.get_by_label("Jumlah diterima (Rp)").fill("15000")
    page.get_by_role("button", name="Hitung ulang").click()
    assert (
        "Melunasi tagihan Rp 15.000" in page.locator("#allocation-summary").inner_text()
    )
    page.get_by_role("button", name="Simpan dan buat kuitansi").click()
    page.wait_for_url("**/kas/kuitansi/*/")
    assert Payment.objects.filter(member=portal.budi, amount=15000).exists()
    screenshot(page, "receipt-no-js")
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280", "390"])
def test_auditor_sees_the_member_read_only(
    live_server, auditor, portal, open_page, screenshot, viewport
):
    page = open_page(viewport)
    log_in(page, live_server.url, "pengawas", "rahasia-123")
    page.goto(f"{live_server.url}/kas/terima/?member={portal.budi.number}")

    assert page.get_by_role("heading", name="Tagihan anggota (pengawas)").is_visible()
    assert page.get_by_role("button", name="Simpan dan buat kuitansi").count() == 0
    assert "Rp 40.000" in page.get_by_test_id("owed").inner_text()
    assert no_sideways_scroll(page, viewport)
    screenshot(page, f"receive-auditor-{viewport['width']}")
