"""The treasurer's dashboard in a real browser on a laptop screen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from members.services.payments import payment_record
from tests.browser.conftest import LAPTOP, PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_treasurer_sees_the_dashboard_charts_drawn(
    live_server, treasurer, portal, post_cash, open_page, screenshot
):
    # given members' dues and payments, and more money in cash and bank
    today = timezone.localdate()
    post_cash(750_000, "other_income", date=today.replace(day=1))
    post_cash(2_000_000, "other_income", date=today.replace(day=1), into="bank")
    # and Budi (Kabupaten Malang) pays up everything, this month included
    payment_record(member=portal.budi, amount=Decimal(40000), method="cash", date=today)
    page = open_page(LAPTOP)

    # when the treasurer logs in
    log_in(page, live_server.url, "bendahara", "rahasia-123")

    # then / took them to the dashboard and both charts are drawn
    assert page.url.endswith("/dashboard/")
    assert page.get_by_role("heading", name="Dasbor bendahara").is_visible()
    charts = page.locator("svg.chart")
    assert charts.count() == 3  # position, collection by region, arrears ageing
    assert page.locator("svg.chart path.series").count() == 3
    regions = page.locator('svg[aria-labelledby^="collection-"] rect.bar')
    assert regions.count() == 38
    box = charts.first.bounding_box()
    assert box["width"] > 600 and box["height"] > 250
    # cash: 750.000 + 25.000 + 40.000 + 300.000 + 40.000; bank: 2.000.000 + 10.000
    assert "Rp 1.155.000" in page.content() and "Rp 2.010.000" in page.content()
    # this month: Malang paid 100%, Surabaya (Sari) 0%
    bars = page.locator('svg[aria-labelledby^="collection-"] rect.bar')
    titles = bars.locator("title").all_text_contents()
    assert "Kab. Malang: 100%" in titles and "Kota Surabaya: 0%" in titles
    malang = bars.nth(titles.index("Kab. Malang: 100%")).bounding_box()
    assert malang["width"] > 200
    screenshot(page, "dashboard-laptop")


def test_dashboard_fits_a_phone(live_server, treasurer, open_page, screenshot):
    page = open_page(PHONE)
    log_in(page, live_server.url, "bendahara", "rahasia-123")
    page.goto(f"{live_server.url}/dashboard/")
    # nothing wider than the screen: no sideways scrolling of the page
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    screenshot(page, "dashboard-phone")
