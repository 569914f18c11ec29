"""Fixtures of the web page tests (defined in ``tests/web/fixtures.py``, shared with
the browser tests)."""

from tests.web.fixtures import portal, post_cash, web_client  # noqa: F401
