"""A member on a phone: own dues and balances, receipts as PDF, language switch, and
the login form by keyboard."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.conftest import LAPTOP, PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_sees_own_dues_and_balances_on_a_phone(
    live_server,
    portal,
    open_page,
    screenshot,
):
    page = open_page(PHONE)

    log_in(page, live_server.url, portal.sari.user.username, portal.password)

    assert page.url == f"{live_server.url}/"
    card = page.get_by_role("region", name="Kartu anggota")
    assert card.get_by_text(portal.sari.number).is_visible()
    assert page.get_by_role("heading", name="Tagihan belum lunas").is_visible()
    shares = page.get_by_role("region", name="Simpanan saya")
    sukarela = shares.get_by_role("row", name=re.compile("Simpanan sukarela"))
    assert sukarela.get_by_text("Rp 40.000").is_visible()
    content = page.content()
    assert portal.budi.number not in content and "Budi" not in content
    # the page fits the phone: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "member-home-phone")

    page.get_by_role("link", name="Mutasi saya").first.click()
    assert page.get_by_role("heading", name="Mutasi saya").is_visible()
    screenshot(page, "member-statement-phone")

    # the cooperative's cash book: a chart and a table, nobody's name
    menu = page.get_by_role("navigation", name="Menu utama")
    menu.get_by_role("link", name="Buku kas").click()
    assert page.locator("svg.chart path.series").count() == 3
    assert "Sari" not in page.content() and portal.sari.number not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "cashbook-phone")


def test_member_downloads_a_receipt_pdf(
    live_server,
    portal,
    open_page,
    screenshot,
):
    page = open_page(PHONE)
    log_in(page, live_server.url, portal.sari.user.username, portal.password)
    page.goto(f"{live_server.url}/me/receipts/")
    screenshot(page, "member-receipts-phone")
    assert page.get_by_text(portal.budi_receipt).count() == 0

    with page.expect_download() as info:
        page.get_by_role("link", name=portal.sari_receipt).click()
    download = info.value

    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert portal.sari_receipt in text


def test_another_members_receipt_is_not_found(
    live_server,
    portal,
    open_page,
):
    page = open_page(PHONE)
    log_in(page, live_server.url, portal.sari.user.username, portal.password)

    response = page.request.get(
        f"{live_server.url}/me/receipts/{portal.budi_receipt}.pdf"
    )

    assert response.status == 404


def test_member_switches_the_language_to_english(
    live_server,
    portal,
    open_page,
    screenshot,
):
    page = open_page(LAPTOP)
    log_in(page, live_server.url, portal.sari.user.username, portal.password)

    page.get_by_label("Bahasa").select_option("en")
    page.get_by_role("button", name="Ganti").click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Outstanding dues").is_visible()
    assert page.get_by_role("heading", name="My shares").is_visible()
    assert page.get_by_text("Valid while dues are paid up").is_visible()
    menu = page.get_by_role("navigation", name="Main menu")
    assert menu.get_by_role("link", name="My statement").is_visible()
    screenshot(page, "member-home-laptop-en")


def test_keyboard_reaches_the_login_form(live_server, portal, open_page):
    page = open_page(PHONE)
    page.goto(f"{live_server.url}/login/")

    def focused() -> str:
        return page.evaluate("document.activeElement.id || document.activeElement.type")

    # the username field has the focus; Tab goes to the password, then the button
    assert focused() == "id_username"
    page.keyboard.type(portal.sari.user.username)
    page.keyboard.press("Tab")
    assert focused() == "id_password"
    page.keyboard.type(portal.password)
    page.keyboard.press("Tab")
    assert focused() == "submit"
    page.keyboard.press("Shift+Tab")
    assert focused() == "id_password"

    # and the form works without a mouse
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")

    # on the next page the first Tab shows the skip link, which jumps to the content
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Lewati ke isi utama")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert focused() == "content"
