"""Logging in through the API: one hashed, expiring token per login, logout, a list
of one's own tokens, and revocation (by the owner, a password change or a
deactivation), each in the audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.db import connection
from django.utils import timezone

from api.tokens.models import ApiToken
from audit.models import AuditEvent

URL = "/api/v1/auth/token/"
PASSWORD = "rahasia-123"


def log_in(client, username="bendahara", password=PASSWORD, **extra):
    return client.post(
        URL,
        {"username": username, "password": password, **extra},
        content_type="application/json",
    )


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {token}"}


@pytest.mark.django_db
def test_each_login_gets_its_own_token_that_authenticates(treasurer, client):
    first = log_in(client, name="Laptop kantor")
    second = log_in(client)

    assert first.status_code == 200 and second.status_code == 200
    body = first.json()
    assert set(body) == {"id", "name", "token", "expires"}
    assert body["name"] == "Laptop kantor"
    assert body["token"] != second.json()["token"]
    for answer in (first, second):
        token = answer.json()["token"]
        accounts = client.get("/api/v1/accounts/", **bearer(token))
        assert accounts.status_code == 200
    assert ApiToken.objects.filter(user=treasurer).count() == 2


@pytest.mark.django_db
def test_token_expires_after_the_configured_days(treasurer, client, settings):
    settings.ESTAMA_TOKEN_TTL_DAYS = 7
    before = timezone.now()

    body = log_in(client).json()

    expires = dt.datetime.fromisoformat(body["expires"])
    assert before + dt.timedelta(days=7) <= expires
    assert expires <= timezone.now() + dt.timedelta(days=7)


@pytest.mark.django_db
def test_the_database_holds_only_a_hash_of_the_token(treasurer, client):
    token = log_in(client).json()["token"]

    row = ApiToken.objects.get(user=treasurer)
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert token not in stored
    assert token[:12] not in stored


@pytest.mark.django_db
def test_an_expired_token_is_refused_with_the_envelope(treasurer, client):
    token = log_in(client).json()["token"]
    ApiToken.objects.filter(user=treasurer).update(
        created_at=timezone.now() - dt.timedelta(days=31),
        expires_at=timezone.now() - dt.timedelta(seconds=1),
    )

    response = client.get("/api/v1/accounts/", **bearer(token))

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert "kedaluwarsa" in response.json()["detail"]
    assert set(response.json()) == {"code", "detail", "errors"}


@pytest.mark.django_db
def test_logout_revokes_the_token_used_and_only_that_one(treasurer, client):
    phone = log_in(client, name="HP").json()["token"]
    laptop = log_in(client, name="Laptop").json()["token"]

    response = client.post("/api/v1/auth/logout/", **bearer(phone))

    assert response.status_code == 204
    again = client.get("/api/v1/accounts/", **bearer(phone))
    assert again.status_code == 401
    assert again.json()["code"] == "authentication_failed"
    assert client.get("/api/v1/accounts/", **bearer(laptop)).status_code == 200
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["Laptop"]


@pytest.mark.django_db
def test_logout_without_a_token_is_400(treasurer, client):
    client.force_login(treasurer)

    response = client.post("/api/v1/auth/logout/")

    assert response.status_code == 400
    assert response.json()["code"] == "not_token_authenticated"


@pytest.mark.django_db
def test_logout_anonymous_is_401(client):
    response = client.post("/api/v1/auth/logout/")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_list_shows_own_live_tokens_without_secrets(
    treasurer, auditor, client, django_assert_max_num_queries
):
    mine = [log_in(client, name=f"Perangkat {n}").json() for n in range(3)]
    log_in(client, username="pengawas", name="Milik pengawas")
    expired = log_in(client, name="Lama").json()
    ApiToken.objects.filter(pk=expired["id"]).update(
        created_at=timezone.now() - dt.timedelta(days=40),
        expires_at=timezone.now() - dt.timedelta(days=10),
    )

    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/auth/tokens/", **bearer(mine[0]["token"]))

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["name"] for row in rows] == [
        "Perangkat 2",
        "Perangkat 1",
        "Perangkat 0",
    ]
    assert set(rows[0]) == {"id", "name", "created", "expires", "last_used"}
    assert rows[2]["last_used"] is not None  # the token of this request
    assert rows[0]["last_used"] is None
    text = response.content.decode()
    assert all(token["token"] not in text for token in mine)


@pytest.mark.django_db
def test_revoking_one_of_own_tokens(treasurer, client):
    keep = log_in(client, name="Tetap").json()
    drop = log_in(client, name="Hilang").json()

    response = client.delete(
        f"/api/v1/auth/tokens/{drop['id']}/", **bearer(keep["token"])
    )

    assert response.status_code == 204
    assert client.get("/api/v1/accounts/", **bearer(drop["token"])).status_code == 401
    assert client.get("/api/v1/accounts/", **bearer(keep["token"])).status_code == 200


@pytest.mark.django_db
def test_another_users_token_cannot_be_revoked_or_seen(treasurer, auditor, client):
    own = log_in(client).json()
    other = log_in(client, username="pengawas").json()

    response = client.delete(
        f"/api/v1/auth/tokens/{other['id']}/", **bearer(own["token"])
    )

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get("/api/v1/accounts/", **bearer(other["token"])).status_code == 200
    listed = client.get("/api/v1/auth/tokens/", **bearer(own["token"])).json()
    assert [row["id"] for row in listed["results"]] == [own["id"]]


@pytest.mark.django_db
def test_a_password_change_revokes_all_tokens_of_the_user(treasurer, auditor, client):
    tokens = [log_in(client).json()["token"] for _ in range(2)]
    others = log_in(client, username="pengawas").json()["token"]

    treasurer.set_password("kata-sandi-baru-2026")
    treasurer.save()

    for token in tokens:
        assert client.get("/api/v1/accounts/", **bearer(token)).status_code == 401
    assert not ApiToken.objects.filter(user=treasurer).exists()
    assert client.get("/api/v1/accounts/", **bearer(others)).status_code == 200
    revoked = AuditEvent.objects.filter(action="token.revoked", note="password_changed")
    assert revoked.count() == 2


@pytest.mark.django_db
def test_a_password_change_in_the_admin_revokes_tokens(treasurer, client):
    treasurer.is_staff = treasurer.is_superuser = True
    treasurer.save()
    token = log_in(client).json()["token"]
    admin = type(client)()
    admin.force_login(treasurer)

    response = admin.post(
        f"/admin/auth/user/{treasurer.pk}/password/",
        {"password1": "Kopi-Tubruk-2026!", "password2": "Kopi-Tubruk-2026!"},
    )

    assert response.status_code == 302
    assert response.url == f"/admin/auth/user/{treasurer.pk}/change/"
    assert client.get("/api/v1/accounts/", **bearer(token)).status_code == 401


@pytest.mark.django_db
def test_deactivation_revokes_all_tokens(treasurer, client):
    token = log_in(client).json()["token"]

    treasurer.is_active = False
    treasurer.save()

    assert client.get("/api/v1/accounts/", **bearer(token)).status_code == 401
    assert not ApiToken.objects.exists()
    assert AuditEvent.objects.filter(
        action="token.revoked", note="deactivated"
    ).exists()


@pytest.mark.django_db
def test_saving_a_user_without_changes_keeps_the_tokens(treasurer, client):
    token = log_in(client).json()["token"]

    treasurer.first_name = "Bendahara"
    treasurer.save()

    assert client.get("/api/v1/accounts/", **bearer(token)).status_code == 200


@pytest.mark.django_db
def test_issue_and_revocation_are_audited(treasurer, client):
    issued = log_in(client, name="Tablet").json()

    client.post("/api/v1/auth/logout/", **bearer(issued["token"]))

    event = AuditEvent.objects.get(action="token.issued")
    assert event.actor == treasurer
    assert event.object_type == "api.apitoken"
    assert event.object_id == str(issued["id"])
    assert event.after["name"] == "Tablet"
    revoked = AuditEvent.objects.get(action="token.revoked")
    assert (revoked.actor, revoked.object_id, revoked.note) == (
        treasurer,
        str(issued["id"]),
        "logout",
    )
    assert issued["token"] not in str(list(AuditEvent.objects.values()))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username,password", [("bendahara", "salah"), ("tidakada", PASSWORD)]
)
def test_bad_credentials_are_invalid_credentials(treasurer, client, username, password):
    response = log_in(client, username, password)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_inactive_user_gets_no_token(treasurer, client):
    treasurer.is_active = False
    treasurer.save()

    response = log_in(client)

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
        ("get", "/api/v1/auth/tokens/"),
        ("delete", "/api/v1/auth/tokens/1/"),
    ],
)
def test_anonymous_requests_are_401(client_for, method, path):
    response = getattr(client_for(None), method)(path, format="json")

    assert response.status_code == 401
    assert response.data["code"] == "not_authenticated"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header", ["Token not-a-token", "Token", "Token a b", "Token " + "x" * 300]
)
def test_bad_token_is_401(client_for, header):
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get("/api/v1/accounts/")

    assert response.status_code == 401
    assert response.data["code"] == "authentication_failed"


@pytest.mark.django_db
def test_user_without_role_is_403(client_for, django_user_model):
    user = django_user_model.objects.create_user("tamu", password=PASSWORD)

    response = client_for(user).get("/api/v1/accounts/")

    assert response.status_code == 403
    assert response.data["code"] == "permission_denied"
