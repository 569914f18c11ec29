"""Every answer under /api/ is the JSON envelope {"code", "detail", "errors"}, whatever
the input: deeply nested JSON, oversized bodies, malformed path ids, unknown routes,
requests Django refuses before a view, and bugs (500)."""

from __future__ import annotations

import pytest
from django.test import Client

from ledger.models import JournalEntry


def assert_envelope(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "detail", "errors"}
    if code is not None:
        assert body["code"] == code
    return body


def nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [33, 5_000, 200_000])
def test_deeply_nested_json_is_400_invalid_json_even_unauthenticated(depth):
    response = Client().post(
        "/api/v1/auth/token/", nested(depth), content_type="application/json"
    )

    assert_envelope(response, 400, "invalid_json")


@pytest.mark.django_db
def test_deeply_nested_json_posts_nothing(treasurer_client):
    body = '{"date": "2026-01-05", "description": "x", "lines": ' + "[" * 100
    body += "]" * 100 + "}"

    response = treasurer_client.post(
        "/api/v1/journal-entries/", body, content_type="application/json"
    )

    assert_envelope(response, 400, "invalid_json")
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
def test_nesting_within_the_limit_is_parsed(settings):
    settings.ESTAMA_API_MAX_JSON_DEPTH = 32
    response = Client().post(
        "/api/v1/auth/token/", nested(32), content_type="application/json"
    )

    body = assert_envelope(response, 400)
    assert body["code"] != "invalid_json"


@pytest.mark.django_db
@pytest.mark.parametrize("authenticated", [False, True])
def test_ten_megabyte_body_is_413_request_too_large(authenticated, treasurer_client):
    client = treasurer_client if authenticated else Client()
    body = b'{"description": "' + b"x" * (10 * 1024 * 1024) + b'"}'

    response = client.post(
        "/api/v1/journal-entries/", body, content_type="application/json"
    )

    assert_envelope(response, 413, "request_too_large")
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
def test_body_limit_is_a_setting(settings, treasurer_client):
    settings.ESTAMA_API_MAX_BODY_BYTES = 100
    small = treasurer_client.post(
        "/api/v1/journal-entries/", {"description": "x"}, format="json"
    )
    large = treasurer_client.post(
        "/api/v1/journal-entries/", {"description": "x" * 200}, format="json"
    )

    assert small.status_code == 400
    assert_envelope(large, 413, "request_too_large")


@pytest.mark.django_db
def test_too_many_form_fields_is_a_json_400(treasurer_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = "&".join(f"f{i}=1" for i in range(50))

    response = treasurer_client.post(
        "/api/v1/expenses/", data, content_type="application/x-www-form-urlencoded"
    )

    assert_envelope(response, 400)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/dues/invoices/abc/",
        "/api/v1/dues/invoices/-1/",
        "/api/v1/sales/invoices/99999999999999999999999999/",
        "/api/v1/sales/invoices/%00/",
        "/api/v1/shu/20x6/",
        "/api/v1/members/%00/",
        "/api/v1/no-such-route/",
        "/api/nothing-here",
    ],
)
def test_malformed_paths_answer_a_json_404(path, treasurer_client):
    assert_envelope(treasurer_client.get(path), 404, "not_found")


def test_anonymous_unknown_api_path_is_a_json_404():
    assert_envelope(Client().get("/api/v1/../../etc/passwd"), 404, "not_found")


def test_a_request_django_refuses_is_a_json_400():
    response = Client().get("/api/v1/regions/", HTTP_HOST="evil.example.com:bad")

    assert_envelope(response, 400, "bad_request")


@pytest.mark.urls("tests.api.boom_urls")
def test_a_bug_in_an_api_view_is_a_json_500():
    client = Client(raise_request_exception=False)

    assert_envelope(client.get("/api/v1/boom/"), 500, "server_error")
    page = client.get("/boom/")
    assert page.status_code == 500
    assert not page["Content-Type"].startswith("application/json")


def test_pages_outside_the_api_keep_their_html_404():
    response = Client().get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
