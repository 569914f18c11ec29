"""Idempotency-Key on the ledger's money-moving POSTs."""

import pytest

from ledger.models import JournalEntry

URL = "/api/v1/journal-entries/"


def body(amount="100000"):
    return {
        "date": "2026-01-15",
        "description": "Pendapatan lain",
        "lines": [
            {"account": "1-1100", "debit": amount},
            {"account": "4-9100", "credit": amount},
        ],
    }


@pytest.mark.django_db
def test_same_key_same_body_replays_without_posting_again(treasurer_client):
    first = treasurer_client.post(
        URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    second = treasurer_client.post(
        URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )

    assert first.status_code == second.status_code == 201
    assert second.data == first.data
    assert second["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert JournalEntry.objects.count() == 1


@pytest.mark.django_db
def test_same_key_different_body_is_422(treasurer_client):
    treasurer_client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    response = treasurer_client.post(
        URL, body("200000"), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )

    assert response.status_code == 422
    assert response.data["code"] == "idempotency_key_reused"
    assert JournalEntry.objects.count() == 1


@pytest.mark.django_db
def test_keys_are_per_user(treasurer_client, client_for, django_user_model):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("bendahara2", password="x")
    other.groups.add(Group.objects.get(name="treasurer"))
    other_client = client_for(other)

    first = treasurer_client.post(
        URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    second = other_client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert first.status_code == second.status_code == 201
    assert "Idempotent-Replayed" not in second
    assert first.data["number"] != second.data["number"]
    assert JournalEntry.objects.count() == 2


@pytest.mark.django_db
def test_failed_request_is_not_remembered(treasurer_client):
    treasurer_client.post("/api/v1/periods/2026-01/lock/")
    refused = treasurer_client.post(
        URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    treasurer_client.post("/api/v1/periods/2026-01/unlock/")

    retried = treasurer_client.post(
        URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )

    assert refused.status_code == 409
    assert retried.status_code == 201
    assert "Idempotent-Replayed" not in retried


@pytest.mark.django_db
def test_reverse_is_idempotent(treasurer_client):
    number = treasurer_client.post(URL, body(), format="json").data["number"]

    first = treasurer_client.post(
        f"{URL}{number}/reverse/", {}, format="json", HTTP_IDEMPOTENCY_KEY="r-1"
    )
    second = treasurer_client.post(
        f"{URL}{number}/reverse/", {}, format="json", HTTP_IDEMPOTENCY_KEY="r-1"
    )

    assert first.status_code == second.status_code == 201
    assert second.data["number"] == first.data["number"]
    assert second["Idempotent-Replayed"] == "true"
    assert JournalEntry.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_key_post_once(treasurer, client_for):
    """Both requests race past the "key seen?" check; the UNIQUE (user, key) lets one
    commit, the other's work is rolled back and it replays the winner's response."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (concurrent transactions)")
    barrier = threading.Barrier(2)
    responses = []

    def post():
        try:
            client = client_for(treasurer)
            barrier.wait(timeout=10)
            responses.append(
                client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="race")
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [r.status_code for r in responses] == [201, 201]
    assert responses[0].data["number"] == responses[1].data["number"]
    assert JournalEntry.objects.count() == 1
