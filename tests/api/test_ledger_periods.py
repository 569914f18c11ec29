"""Locking and unlocking months through the API."""

import pytest

from audit.models import AuditEvent


@pytest.mark.django_db
def test_lock_unlock_and_list(treasurer_client):
    locked = treasurer_client.post("/api/v1/periods/2026-03/lock/")
    listed = treasurer_client.get("/api/v1/periods/")
    unlocked = treasurer_client.post("/api/v1/periods/2026-03/unlock/")

    assert locked.status_code == 200
    assert locked.data["period"] == "2026-03"
    assert locked.data["is_locked"] is True
    assert locked.data["changed_by"] == "bendahara"
    assert listed.data["count"] == 1
    assert listed.data["results"][0]["is_locked"] is True
    assert unlocked.data["is_locked"] is False
    assert (
        AuditEvent.objects.filter(
            action__in=["period.locked", "period.unlocked"]
        ).count()
        == 2
    )


@pytest.mark.django_db
def test_posting_works_again_after_unlock(treasurer_client):
    body = {
        "date": "2026-03-10",
        "description": "Uji",
        "lines": [
            {"account": "1-1100", "debit": "1000"},
            {"account": "4-9100", "credit": "1000"},
        ],
    }
    treasurer_client.post("/api/v1/periods/2026-03/lock/")
    refused = treasurer_client.post("/api/v1/journal-entries/", body, format="json")
    treasurer_client.post("/api/v1/periods/2026-03/unlock/")
    accepted = treasurer_client.post("/api/v1/journal-entries/", body, format="json")

    assert refused.status_code == 409
    assert accepted.status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize("period", ["2026-13", "2026-00", "26-03", "abcd", "1999-12"])
def test_bad_period_is_invalid_period(treasurer_client, period):
    response = treasurer_client.post(f"/api/v1/periods/{period}/lock/")

    assert response.status_code == 400
    assert response.data["code"] == "invalid_period"


@pytest.mark.django_db
def test_auditor_cannot_lock(auditor_client):
    response = auditor_client.post("/api/v1/periods/2026-03/lock/")

    assert response.status_code == 403
    assert auditor_client.get("/api/v1/periods/").data["count"] == 0
