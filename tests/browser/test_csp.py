"""The Content-Security-Policy in a real browser: Chromium enforces it on every page a
member and the treasurer open (the admin included) and reports no violation, so the
policy blocks nothing the pages need; and a page that broke it would be caught."""

from __future__ import annotations

import pytest

from tests.browser.conftest import LAPTOP, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Chromium's console message for anything the policy refused.
VIOLATION = "Content Security Policy"


def watch_violations(page) -> list[str]:
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if VIOLATION in message.text else None
        ),
    )
    return seen


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_member_and_treasurer_pages_break_no_rule_of_the_policy(
    live_server, treasurer, portal, open_page
):
    treasurer.is_staff = treasurer.is_superuser = True
    treasurer.save()
    base = live_server.url
    member_page = open_page(LAPTOP)
    member_violations = watch_violations(member_page)
    visit(member_page, f"{base}/login/")
    log_in(member_page, base, portal.sari.user.username, portal.password)
    for path in ("/", "/me/statement/", "/me/receipts/", "/cashbook/"):
        visit(member_page, base + path)
    staff_page = open_page(LAPTOP)
    staff_violations = watch_violations(staff_page)

    log_in(staff_page, base, "bendahara", portal.password)
    for path in ("/dashboard/", "/admin/", "/admin/members/member/"):
        visit(staff_page, base + path)

    assert member_violations == []
    assert staff_violations == []
    assert staff_page.locator("#changelist").count() == 1  # the admin page rendered


def test_the_browser_enforces_the_policy(live_server, open_page):
    page = open_page(LAPTOP)
    violations = watch_violations(page)
    visit(page, f"{live_server.url}/login/")

    # an injected inline script, as an attacker's markup would carry, does not run
    page.evaluate(
        """() => {
            const s = document.createElement('script');
            s.textContent = 'window.__injected = true;';
            document.body.appendChild(s);
        }"""
    )

    assert page.evaluate("() => window.__injected === true") is False
    assert violations
