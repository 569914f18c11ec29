"""Fixtures of the web tests (logged-in clients, members with data) for these tests."""

from tests.web.fixtures import portal, post_cash, web_client  # noqa: F401
