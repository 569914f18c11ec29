"""Swagger UI from local files; the admin branded for the treasurer."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_api_docs_use_local_assets_and_no_inline_script(web_client, treasurer):
    html = web_client(treasurer).get("/api/docs/").content.decode()

    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert sources and all(
        src.startswith("/static/") or src.startswith("/api/") for src in sources
    )
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    assert not re.search(r"<script(?![^>]*src=)[^>]*>\s*\S", html)  # no inline JS
    stylesheets = re.findall(r'<link[^>]*href="([^"]+)"', html)
    assert all(href.startswith("/") for href in stylesheets)


def test_admin_is_branded_for_the_treasurer(web_client, django_user_model):
    boss = django_user_model.objects.create_superuser("ketua", "k@example.org", "x")
    assert (
        "Estama — Bendahara" in web_client(None).get("/admin/login/").content.decode()
    )
    response = web_client(boss).get("/admin/")

    html = response.content.decode()
    assert "Estama — Bendahara" in html
    assert "Administrasi Django" not in html and "Django administration" not in html
    assert "Administrasi pembukuan Estama" in html
    assert "/static/css/admin.css" in html
