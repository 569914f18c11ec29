"""Upgrading from DRF's authtoken: the migration keeps existing clients' tokens
working, stores them hashed with an expiry, and drops the plaintext table."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

LEGACY_KEY = "0123456789abcdef0123456789abcdef01234567"
BEFORE = ("api", "0001_initial")
AFTER = ("api", "0002_hashed_api_tokens_replace_authtoken")


def migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())


@pytest.fixture
def back_to_latest():
    """Whatever happens, the test database ends fully migrated for the next tests."""
    yield
    migrate()


@pytest.mark.django_db(transaction=True)
def test_drf_tokens_are_carried_over_hashed_and_the_table_dropped(
    treasurer, back_to_latest
):
    user = treasurer
    migrate(BEFORE)
    with connection.schema_editor() as editor:
        editor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            "created timestamp with time zone NOT NULL, user_id integer NOT NULL)"
            if connection.vendor == "postgresql"
            else "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            "created datetime NOT NULL, user_id integer NOT NULL)"
        )
        editor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [LEGACY_KEY, timezone.now(), user.pk],
        )
        editor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
            ["authtoken", "0001_initial", timezone.now()],
        )

    migrate(AFTER)

    assert "authtoken_token" not in connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = 'authtoken'")
        assert cursor.fetchone()[0] == 0
    from api.tokens.models import ApiToken

    token = ApiToken.objects.get(user=user)
    assert token.digest == hashlib.sha256(LEGACY_KEY.encode()).hexdigest()
    assert token.expires_at > timezone.now()
    response = Client().get(
        "/api/v1/accounts/", HTTP_AUTHORIZATION=f"Token {LEGACY_KEY}"
    )
    assert response.status_code == 200
