"""A member who keeps mistyping the password on a phone is told, in Indonesian, to
wait; the right password is refused until then."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_locked_out_after_repeated_wrong_passwords(
    live_server, portal, open_page, screenshot
):
    page = open_page(PHONE)
    username = portal.sari.user.username
    for _ in range(5):
        log_in(page, live_server.url, username, "salah-ketik")
    assert page.get_by_role("heading", name="Terlalu banyak percobaan masuk").count()

    log_in(page, live_server.url, username, portal.password)

    assert page.url == f"{live_server.url}/login/"
    alert = page.get_by_role("alert")
    assert "Coba lagi dalam 30 menit" in alert.inner_text()
    assert page.get_by_role("link", name="Lupa kata sandi?").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "login-locked-out-phone")
