"""A member reads their money in plain words, on a phone and on a desktop."""

from __future__ import annotations

import pytest

from members.selectors import member_share_balances
from tests.browser.conftest import DESKTOP, PHONE_390, log_in, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["390", "1280"])
def test_member_reads_simpanan_bills_payments_and_how_to_pay(
    live_server, portal, open_page, screenshot, settings, viewport
):
    settings.ESTAMA_PAYMENT_ACCOUNTS = [
        {"bank": "Bank Jatim", "number": "0011223344", "holder": "Estama"}
    ]
    page = open_page(viewport)
    log_in(page, live_server.url, portal.sari.user.username, portal.password)

    how = page.get_by_role("region", name="Cara membayar")
    assert how.get_by_test_id("bank-account").inner_text() == "0011223344"
    assert no_sideways_scroll(page, viewport)
    screenshot(page, f"member-home-{viewport['width']}")

    page.get_by_role("link", name="Mutasi saya").first.click()
    simpanan = page.get_by_role("region", name="Simpanan saya")
    # what the ledger holds for her: 40.000 sukarela
    assert member_share_balances(member=portal.sari)["sukarela"] == 40000
    assert "Setoran simpanan sukarela" in simpanan.inner_text()
    assert "Rp 40.000" in simpanan.inner_text()
    bills = page.get_by_role("region", name="Tagihan")
    assert "Lunas" in bills.inner_text() and "Belum lunas" in bills.inner_text()
    text = page.locator("main").inner_text()
    assert "Debit" not in text and "Kredit" not in text and "1-1310" not in text
    assert "Budi" not in page.content()
    assert no_sideways_scroll(page, viewport)
    screenshot(page, f"member-statement-{viewport['width']}")
