"""The API keeps the promises of its OpenAPI schema, for each role.

Schemathesis runs every check it has (the equivalent of ``st run --checks all``;
``schemathesis.toml`` says what "accepted" means for schema-valid data) against every
/api/v1/ operation, in-process through WSGI, with positive and negative examples, as
the treasurer, the auditor and a member, over a small cooperative with a row of every
kind. Every status an operation answers must be documented, every body must match its
schema (enums included), and nothing answers 5xx. The number of examples is bounded to
keep CI short; ``derandomize`` makes runs repeatable.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation.modes import GenerationMode

from estama.wsgi import application
from tests.authz.world import build_world
from tests.conftest import token_for

EXAMPLES = 5


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes "old" connections around each request, which would end
    the test's transaction; Django's test client disconnects the same handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def all_checks():
    load_all_checks()
    return CHECKS.get_all()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["treasurer", "auditor", "member"])
def test_every_operation_keeps_the_schema(role, keep_test_connection):
    world = build_world()
    token = token_for(world.users[role])
    headers = {"Authorization": f"Token {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application).include(
        path_regex=r"^/api/v1/"
    )
    checks = all_checks()
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 70

    for operation in operations:
        strategy = st.one_of(
            operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        )

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            try:
                case.call_and_validate(headers=headers, checks=checks)
            except BaseException as exc:  # noqa: BLE001 - schemathesis' FailureGroup
                if isinstance(exc, KeyboardInterrupt):
                    raise
                failures.append(f"{case.operation.label}: {exc}")

        check()

    assert not failures, "\n\n".join(failures[:20])
