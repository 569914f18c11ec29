"""The members' SHU split is cached per year and ledger version: ``/api/v1/me/`` and
the member home page read it without recomputing every member's share, and any
posting (or a new allocation table) gives a fresh answer."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.clock import after_2026  # noqa: F401
from tests.reports.fixtures import build_demo, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("after_2026")]
TABLE = {
    "parts": [
        {"kind": "capital", "percent": "40"},
        {"kind": "business", "percent": "30"},
        {"kind": "reserve", "percent": "30"},
    ]
}


@pytest.fixture
def widya(make_member, treasurer_client):
    demo = build_demo(make_member)
    treasurer_client.put("/api/v1/shu/2026/allocation/", TABLE, format="json")
    demo.m1.user = User.objects.create_user("widya")
    demo.m1.save(update_fields=["user"])
    return demo


def _me(client_for, demo):
    with CaptureQueriesContext(connection) as queries:
        response = client_for(demo.m1.user).get("/api/v1/me/")
    assert response.status_code == 200, response.content
    shu = {row["year"]: row for row in response.json()["shu"]}
    return shu[2026], len(queries)


def test_second_request_reads_the_cached_split(widya, client_for):
    first, cold = _me(client_for, widya)
    second, warm = _me(client_for, widya)
    assert second == first
    assert first["capital_share"] == "1800000"
    assert warm < cold


def test_a_posting_changes_the_cached_answer(widya, client_for, make_member):
    before, _ = _me(client_for, widya)
    # Widya adds simpanan wajib in 2026: her capital base, so her share, grows.
    post(
        dt.date(2026, 12, 1),
        "Simpanan wajib",
        ("1-1100", "D", 3_000_000),
        ("3-1200", "C", 3_000_000, widya.m1),
    )
    after, _ = _me(client_for, widya)
    assert int(after["capital_share"]) > int(before["capital_share"])
    assert after["business_share"] == before["business_share"]


def test_a_new_allocation_table_changes_the_cached_answer(
    widya, client_for, treasurer_client
):
    before, _ = _me(client_for, widya)
    table = {
        "parts": [
            {"kind": "capital", "percent": "20"},
            {"kind": "business", "percent": "30"},
            {"kind": "reserve", "percent": "50"},
        ]
    }
    assert (
        treasurer_client.put(
            "/api/v1/shu/2026/allocation/", table, format="json"
        ).status_code
        == 200
    )
    after, _ = _me(client_for, widya)
    assert int(after["capital_share"]) * 2 == int(before["capital_share"])


def test_member_home_shows_the_cached_share_and_follows_postings(widya):
    client = Client()
    client.force_login(widya.m1.user)
    first = client.get("/")
    assert first.status_code == 200
    post(
        dt.date(2026, 12, 1),
        "Simpanan wajib",
        ("1-1100", "D", 3_000_000),
        ("3-1200", "C", 3_000_000, widya.m1),
    )
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    with CaptureQueriesContext(connection) as cached:
        third = client.get("/")
    assert second.status_code == third.status_code == 200
    assert second.context["shu"].capital_share > first.context["shu"].capital_share
    assert third.context["shu"] == second.context["shu"]
    assert len(cached) < len(queries)
