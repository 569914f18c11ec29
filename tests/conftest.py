"""Shared fixtures: users in each role, authenticated API clients, members.

Tests run on the database DATABASE_URL names (SQLite by default, PostgreSQL in CI).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import Group, User
from rest_framework.test import APIClient

from estama.roles import AUDITOR_GROUP, TREASURER_GROUP

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush every table, seed data included: put the chart of
    accounts and the regions back (idempotent, one query when they are present)."""
    if "django_db" not in {marker.name for marker in request.node.iter_markers()} and (
        not {"db", "transactional_db"} & set(request.fixturenames)
    ):
        return
    from ledger.chart import chart_seed
    from ledger.models import Account
    from members.models import Region
    from members.regions import regions_seed

    if not Account.objects.exists():
        chart_seed(Account)
    if not Region.objects.exists():
        regions_seed(Region)
    from members.accounts import MEMBER_CREDIT, member_accounts_seed

    if not Account.objects.filter(code=MEMBER_CREDIT).exists():
        member_accounts_seed(Account)


@pytest.fixture(autouse=True)
def _checkpoint_dir(settings, tmp_path):
    """Each test writes and reads its own signed checkpoints (never var/)."""
    settings.ESTAMA_CHECKPOINT_DIR = str(tmp_path / "checkpoints")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (a rolled-back test must not leave a
    cached SHU split behind for the next)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _user(username: str, group: str | None = None) -> User:
    user = User.objects.create_user(username=username, password="rahasia-123")
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def treasurer(db) -> User:
    return _user("bendahara", TREASURER_GROUP)


@pytest.fixture
def auditor(db) -> User:
    return _user("pengawas", AUDITOR_GROUP)


@pytest.fixture
def make_member(db):
    """Create a member row (and optionally a login) for tests."""
    from members.models import Member

    def make(
        name: str = "Anggota Uji",
        *,
        region: str = "3578",
        login: bool = False,
        status: str = "active",
        number: str | None = None,
    ) -> Member:
        n = next(_counter)
        member = Member.objects.create(
            number=number or f"TST-{n:05d}",
            name=name,
            category="biasa",
            region_id=region,
            email=f"anggota{n}@example.org",
            joined_on=dt.date(2026, 1, 1),
            status=status,
        )
        if login:
            member.user = _user(f"anggota{n}")
            member.save(update_fields=["user"])
        return member

    return make


def token_for(user: User, *, name: str = "") -> str:
    """A new API token for ``user`` (its secret), issued by the token service.

    It counts as just used: authentication refreshes ``last_used_at`` at most once a
    minute, so without this the first request of a test would make one query more than
    the next and query-count comparisons between requests would be off by one."""
    from django.utils import timezone

    from api.tokens.models import ApiToken
    from api.tokens.services import token_issue

    issued = token_issue(user=user, name=name)
    ApiToken.objects.filter(pk=issued.token.pk).update(last_used_at=timezone.now())
    return issued.secret


@pytest.fixture
def client_for():
    """``client_for(user)``: an APIClient sending a new token of the user (None:
    anonymous)."""

    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
        return client

    return make


@pytest.fixture
def treasurer_client(treasurer, client_for) -> APIClient:
    return client_for(treasurer)


@pytest.fixture
def auditor_client(auditor, client_for) -> APIClient:
    return client_for(auditor)
