"""The API docs render from local files; the admin's forms stay within 1280 px."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_without_the_network(
    live_server, treasurer, open_page, screenshot
):
    page = open_page(DESKTOP)
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(live_server.url)
            and not request.url.startswith("data:")
            else None
        ),
    )
    log_in(page, live_server.url, "bendahara", "rahasia-123")

    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".swagger-ui .info .title").wait_for()

    assert "Estama API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 20
    assert outside == []
    screenshot(page, "api-docs-1280")


def test_admin_form_is_no_wider_than_1280(
    live_server, django_user_model, open_page, screenshot
):
    django_user_model.objects.create_superuser("ketua", "k@example.org", "rahasia-123")
    page = open_page({"width": 1920, "height": 1000})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ketua")
    page.fill("#id_password", "rahasia-123")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/auth/user/add/")

    assert page.locator("#site-name").inner_text() == "Estama — Bendahara"
    box = page.locator("#content-main form").bounding_box()
    assert box["width"] <= 1280
    screenshot(page, "admin-form-1920")
