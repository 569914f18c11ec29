"""Browser tests: Playwright for Python driving Debian's Chromium, headless.

The browser is the system one at ``/usr/bin/chromium`` (``apt-get install chromium``);
Playwright never downloads a browser here. Without it, every test in this folder is
skipped with a message that says how to enable them.

Playwright's sync API runs an asyncio event loop in the test's thread, so Django's
"async unsafe" guard would refuse the ORM calls the tests make to set up data while a
page is open. The tests call the ORM only between browser actions, never from inside
the loop, so turning the guard off (``DJANGO_ALLOW_ASYNC_UNSAFE``) for the tests of
this folder only, and starting Playwright per test, keeps the rest of the suite
guarded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.fixtures import portal, post_cash  # noqa: F401  (shared fixtures)

CHROMIUM = Path("/usr/bin/chromium")
SKIP_MESSAGE = (
    "Chromium not found at /usr/bin/chromium: apt-get install chromium to run the "
    "browser tests"
)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var/test-artifacts/screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 768}
#: The sizes the workspace pages are checked at: a 1280 px desktop, a 390 px phone.
DESKTOP = {"width": 1280, "height": 800}
PHONE_390 = {"width": 390, "height": 844}


def no_sideways_scroll(page, viewport: dict) -> bool:
    """True when nothing on the page is wider than the screen."""
    return page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def count_navigations(page) -> list[str]:
    """The URLs the page's main frame navigates to from now on (link follows, form
    submissions and their redirects end in one navigation each)."""
    urls: list[str] = []
    page.on(
        "framenavigated",
        lambda frame: urls.append(frame.url) if frame == page.main_frame else None,
    )
    return urls


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=SKIP_MESSAGE)
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser(_allow_orm_beside_playwright):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """``open_page(viewport)``: a fresh page (own cookies) in Indonesian, as a phone
    in Indonesia would ask for; closed after the test."""
    contexts = []

    def make(viewport: dict, *, locale: str = "id-ID"):
        context = browser.new_context(
            viewport=viewport, locale=locale, accept_downloads=True
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """``screenshot(page, name)``: save a full-page PNG under
    ``var/test-artifacts/screenshots/``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
