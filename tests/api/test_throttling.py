"""API rate limits: per address for anonymous requests, per user for authenticated
ones, and a stricter limit on the token endpoint; 429 ``throttled`` in the envelope
with ``Retry-After``."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client, override_settings

from tests.conftest import token_for


def rates(**values):
    return override_settings(
        REST_FRAMEWORK={
            **django_settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                "anon": "1000/minute",
                "user": "1000/minute",
                "login": "1000/minute",
                **values,
            },
        }
    )


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def token_request(client, password="salah"):
    return client.post(
        "/api/v1/auth/token/",
        {"username": "bendahara", "password": password},
        content_type="application/json",
    )


@pytest.mark.django_db
def test_token_endpoint_has_its_own_stricter_limit(treasurer):
    client = Client(REMOTE_ADDR="10.1.1.1")
    with rates(login="3/minute"):
        answers = [token_request(client).status_code for _ in range(3)]
        throttled = token_request(client, password="rahasia-123")
        other_address = token_request(Client(REMOTE_ADDR="10.1.1.2"))
        accounts = Client(REMOTE_ADDR="10.1.1.1").get("/api/v1/accounts/")

    assert answers == [400, 400, 400]
    assert throttled.status_code == 429
    body = throttled.json()
    assert set(body) == {"code", "detail", "errors"}
    assert body["code"] == "throttled"
    assert int(throttled["Retry-After"]) > 0
    assert other_address.status_code == 400
    assert accounts.status_code == 401  # other endpoints keep the anon limit


@pytest.mark.django_db
def test_anonymous_requests_are_limited_per_address(treasurer):
    with rates(anon="2/minute"):
        first = [token_request(Client(REMOTE_ADDR="10.2.2.2")) for _ in range(2)]
        third = token_request(Client(REMOTE_ADDR="10.2.2.2"))
        elsewhere = token_request(Client(REMOTE_ADDR="10.2.2.3"))

    assert [response.status_code for response in first] == [400, 400]
    assert third.status_code == 429
    assert third.json()["code"] == "throttled"
    assert elsewhere.status_code == 400


@pytest.mark.django_db
def test_authenticated_requests_are_limited_per_user(treasurer, auditor):
    own = {"HTTP_AUTHORIZATION": f"Token {token_for(treasurer)}"}
    other = {"HTTP_AUTHORIZATION": f"Token {token_for(auditor)}"}
    with rates(user="3/minute"):
        allowed = [Client().get("/api/v1/accounts/", **own) for _ in range(3)]
        fourth = Client(REMOTE_ADDR="10.3.3.3").get("/api/v1/accounts/", **own)
        auditor_answer = Client().get("/api/v1/accounts/", **other)

    assert [response.status_code for response in allowed] == [200, 200, 200]
    assert fourth.status_code == 429  # from any address
    assert fourth.json()["code"] == "throttled"
    assert auditor_answer.status_code == 200


@pytest.mark.django_db
def test_throttle_rates_come_from_settings():
    configured = django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]

    assert configured == ["api.throttling.AnonThrottle", "api.throttling.UserThrottle"]
    assert set(django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]) == {
        "anon",
        "user",
        "login",
    }
