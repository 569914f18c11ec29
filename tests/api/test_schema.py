"""The OpenAPI schema is complete and the API honours it: drf-spectacular generates it
without warnings, and schemathesis fuzzes every /api/v1/ endpoint (in-process, WSGI)
with a treasurer's token, expecting no 5xx for any input the schema allows or not."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from estama.wsgi import application
from tests.conftest import token_for

API_PATHS = r"^/api/v1/"


def test_schema_generates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    text = target.read_text()
    for path in (
        "/api/v1/auth/token/",
        "/api/v1/auth/logout/",
        "/api/v1/auth/tokens/{id}/",
        "/api/v1/accounts/{code}/ledger/",
        "/api/v1/journal-entries/{number}/reverse/",
        "/api/v1/periods/{period}/lock/",
        "/api/v1/reports/trial-balance/",
    ):
        assert path in text


@pytest.mark.django_db
def test_schema_documents_error_bodies_and_post_request(client):
    schema = client.get("/api/schema/?format=json").json()

    post = schema["paths"]["/api/v1/journal-entries/"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    for status in ("201", "400", "401", "403", "409", "422"):
        assert status in post["responses"]
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "detail", "errors"}


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes "old" connections around each request, which would end
    the test's transaction; Django's test client disconnects the same handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_fuzz_api_endpoints_never_answer_5xx(treasurer, keep_test_connection):
    headers = {"Authorization": f"Token {token_for(treasurer)}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application).include(
        path_regex=API_PATHS
    )
    # Logging out and revoking tokens last: they may revoke the token the fuzzing uses.
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),
        key=lambda operation: operation.path.startswith("/api/v1/auth/"),
    )
    assert len(operations) >= 60
    seen: dict[str, set[int]] = {}

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call_and_validate(
                headers=headers, checks=[not_a_server_error]
            )
            seen.setdefault(case.operation.label, set()).add(response.status_code)

        check()

    # The fuzzing reached the views: successes and refusals both happened.
    statuses = set().union(*seen.values())
    assert any(200 <= code < 300 for code in statuses)
    assert any(400 <= code < 500 for code in statuses)
    assert len(seen) == len(operations)
