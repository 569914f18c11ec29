"""The Content-Security-Policy header is on every response, and our pages are written
so that the policy breaks nothing (no inline script, style or event handler)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client, override_settings

POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method,path",
    [
        ("get", "/login/"),
        ("post", "/login/"),
        ("get", "/password-reset/"),
        ("get", "/cashbook/"),
        ("get", "/admin/login/"),
        ("get", "/api/v1/accounts/"),
        ("post", "/api/v1/auth/token/"),
        ("get", "/api/schema/"),
        ("get", "/api/docs/"),
        ("get", "/tidak-ada/"),
        ("get", "/api/v1/tidak-ada/"),
    ],
)
def test_every_response_carries_the_policy(method, path):
    response = getattr(Client(), method)(path)

    assert response["Content-Security-Policy"] == POLICY


@pytest.mark.django_db
def test_pages_of_a_logged_in_member_carry_the_policy(web_client, portal):
    client = web_client(portal.sari.user)

    for path in ("/", "/me/statement/", "/me/receipts/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == POLICY


@pytest.mark.django_db
def test_report_only_mode_and_a_custom_policy():
    with override_settings(
        ESTAMA_CSP_REPORT_ONLY=True, ESTAMA_CSP={"default-src": ["'none'"]}
    ):
        response = Client().get("/login/")

    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def page_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        # E-mails are not pages: a mail client, not our policy, renders them.
        if not path.name.endswith("_email.html"):
            yield path


@pytest.mark.parametrize(
    "template",
    list(page_templates()),
    ids=lambda path: str(path.relative_to(TEMPLATES)),
)
def test_page_templates_need_nothing_the_policy_refuses(template):
    text = template.read_text()

    found = [label for pattern, label in INLINE if pattern.search(text)]

    assert found == []
