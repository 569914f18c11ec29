"""``GET /api/v1/audit-log/``: the audit trail for the treasurer and the auditor, with
filters, cursor pages and a constant number of queries (issue 10, item 10)."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.models import AuditEvent
from ledger.services import LineInput, entry_post, period_lock

pytestmark = pytest.mark.django_db


def _post(treasurer, amount: int):
    return entry_post(
        date=dt.date(2026, 3, 2),
        description="Pendapatan lain",
        lines=[
            LineInput("1-1100", debit=str(amount)),
            LineInput("4-9100", credit=str(amount)),
        ],
        user=treasurer,
    )


def test_treasurer_and_auditor_read_the_trail_newest_first(
    treasurer, treasurer_client, auditor_client
):
    entry = _post(treasurer, 5000)
    period_lock(year=2026, month=1, user=treasurer)
    for client in (treasurer_client, auditor_client):
        response = client.get("/api/v1/audit-log/")
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"next", "previous", "results"}
        seqs = [event["seq"] for event in body["results"]]
        assert seqs == sorted(seqs, reverse=True)
        newest = body["results"][0]
        assert newest["action"] == "period.locked"
        assert newest["actor"] == treasurer.username
        assert len(newest["hash"]) == 64
    posted = treasurer_client.get(
        "/api/v1/audit-log/",
        {"object_type": "ledger.journalentry", "object_id": str(entry.pk)},
    ).json()["results"]
    assert [event["action"] for event in posted] == ["entry.posted"]


def test_filters_by_actor_action_prefix_and_date(treasurer, auditor, treasurer_client):
    _post(treasurer, 7000)
    period_lock(year=2026, month=1, user=treasurer)
    period_lock(year=2026, month=2, user=None)

    def actions(**params):
        response = treasurer_client.get("/api/v1/audit-log/", params)
        assert response.status_code == 200
        return [event["action"] for event in response.json()["results"]]

    assert actions(action="period.locked") == ["period.locked", "period.locked"]
    assert set(actions(action="period.")) == {"period.locked"}
    assert actions(actor=treasurer.username, action="period.locked") == [
        "period.locked"
    ]
    assert actions(actor=auditor.username) == []
    today = AuditEvent.objects.order_by("-seq").first().at.date()
    assert len(actions(date_from=today.isoformat(), action="period.")) == 2
    tomorrow = today + dt.timedelta(days=1)
    assert actions(date_from=tomorrow.isoformat()) == []
    assert actions(date_to=(today - dt.timedelta(days=2)).isoformat()) == []


def test_bad_filters_answer_the_envelope(treasurer_client):
    for params in ({"date_from": "kemarin"}, {"date_to": "9999-99-99"}):
        response = treasurer_client.get("/api/v1/audit-log/", params)
        assert response.status_code == 400
        assert set(response.json()) == {"code", "detail", "errors"}


def test_members_and_strangers_have_no_access(client_for, make_member, client):
    member = make_member("Anggota", login=True)
    assert client_for(member.user).get("/api/v1/audit-log/").status_code == 403
    assert client.get("/api/v1/audit-log/").status_code == 401


def test_pages_follow_the_cursor_in_constant_queries(
    treasurer, treasurer_client, django_assert_max_num_queries
):
    for amount in range(1000, 1012):
        _post(treasurer, amount)
    seen = []
    url = "/api/v1/audit-log/?page_size=5"
    while url:
        with django_assert_max_num_queries(6):
            body = treasurer_client.get(url).json()
        seen += [event["seq"] for event in body["results"]]
        url = body["next"]
    assert seen == sorted(seen, reverse=True)
    assert len(seen) == len(set(seen)) == AuditEvent.objects.count()
