"""Tokens and authentication."""

import pytest

URL = "/api/v1/auth/token/"


@pytest.mark.django_db
def test_token_for_good_credentials_authenticates_later_requests(treasurer, client):
    response = client.post(
        URL,
        {"username": "bendahara", "password": "rahasia-123"},
        content_type="application/json",
    )

    assert response.status_code == 200
    token = response.json()["token"]
    again = client.post(
        URL,
        {"username": "bendahara", "password": "rahasia-123"},
        content_type="application/json",
    )
    assert again.json()["token"] == token
    accounts = client.get("/api/v1/accounts/", HTTP_AUTHORIZATION=f"Token {token}")
    assert accounts.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username,password", [("bendahara", "salah"), ("tidakada", "rahasia-123")]
)
def test_bad_credentials_are_invalid_credentials(treasurer, client, username, password):
    response = client.post(
        URL,
        {"username": username, "password": password},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


@pytest.mark.django_db
def test_inactive_user_gets_no_token(treasurer, client):
    treasurer.is_active = False
    treasurer.save()

    response = client.post(
        URL,
        {"username": "bendahara", "password": "rahasia-123"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


@pytest.mark.django_db
def test_missing_fields_are_400(client):
    response = client.post(URL, {"username": "x"}, content_type="application/json")

    assert response.status_code == 400
    assert "password" in response.json()["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method,path",
    [
        ("get", "/api/v1/accounts/"),
        ("get", "/api/v1/accounts/1-1100/"),
        ("get", "/api/v1/accounts/1-1100/ledger/"),
        ("get", "/api/v1/journal-entries/"),
        ("post", "/api/v1/journal-entries/"),
        ("get", "/api/v1/journal-entries/JU-2026-000001/"),
        ("post", "/api/v1/journal-entries/JU-2026-000001/reverse/"),
        ("get", "/api/v1/periods/"),
        ("post", "/api/v1/periods/2026-01/lock/"),
        ("get", "/api/v1/reports/trial-balance/"),
    ],
)
def test_anonymous_requests_are_401(client_for, method, path):
    response = getattr(client_for(None), method)(path, format="json")

    assert response.status_code == 401
    assert response.data["code"] == "not_authenticated"


@pytest.mark.django_db
def test_bad_token_is_401(client_for):
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    response = client.get("/api/v1/accounts/")

    assert response.status_code == 401
    assert response.data["code"] == "authentication_failed"


@pytest.mark.django_db
def test_user_without_role_is_403(client_for, django_user_model):
    user = django_user_model.objects.create_user("tamu", password="rahasia-123")

    response = client_for(user).get("/api/v1/accounts/")

    assert response.status_code == 403
    assert response.data["code"] == "permission_denied"
