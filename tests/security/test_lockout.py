"""Brute force: after ESTAMA_LOCKOUT_FAILURES wrong passwords, that username from that
address is refused, right password included, until the cool-off has passed: on the
API's token endpoint, the login page and the admin login. Other addresses and other
usernames are not affected. Every attempt is in the audit trail."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client, override_settings

from audit.models import AuditEvent

PASSWORD = "rahasia-123"
OFFICE = "10.0.0.7"
ELSEWHERE = "10.0.0.99"


def api_login(username, password, ip=OFFICE):
    return Client(REMOTE_ADDR=ip).post(
        "/api/v1/auth/token/",
        {"username": username, "password": password},
        content_type="application/json",
    )


def page_login(username, password, ip=OFFICE):
    return Client(REMOTE_ADDR=ip).post(
        "/login/", {"username": username, "password": password}
    )


def admin_login(username, password, ip=OFFICE):
    return Client(REMOTE_ADDR=ip).post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
    )


def api_ok(response) -> bool:
    return response.status_code == 200 and "token" in response.json()


def page_ok(response) -> bool:
    return response.status_code == 302 and response.url == "/"


def admin_ok(response) -> bool:
    return response.status_code == 302 and response.url == "/admin/"


ENTRY_POINTS = {
    "api": (api_login, api_ok),
    "web": (page_login, page_ok),
    "admin": (admin_login, admin_ok),
}


@pytest.fixture
def staff_treasurer(treasurer):
    treasurer.is_staff = treasurer.is_superuser = True
    treasurer.save()
    return treasurer


def fail(login, times, username="bendahara", ip=OFFICE):
    for _ in range(times):
        login(username, "salah-terus", ip)


@pytest.mark.django_db
@pytest.mark.parametrize("via", ENTRY_POINTS)
def test_right_password_is_refused_after_repeated_failures(staff_treasurer, via):
    login, ok = ENTRY_POINTS[via]
    assert ok(login("bendahara", PASSWORD))  # the right password works at first
    fail(login, 4)
    assert ok(login("bendahara", PASSWORD))  # four failures: still allowed

    fail(login, 5)
    response = login("bendahara", PASSWORD)

    assert response.status_code == 429
    assert 1700 <= int(response["Retry-After"]) <= 1801


@pytest.mark.django_db
def test_api_lockout_answers_the_envelope(staff_treasurer):
    fail(api_login, 5)

    response = api_login("bendahara", PASSWORD)

    body = response.json()
    assert set(body) == {"code", "detail", "errors"}
    assert body["code"] == "locked_out"
    assert "30 menit" in body["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("login", [page_login, admin_login])
def test_pages_explain_the_lockout_in_indonesian(staff_treasurer, login):
    fail(login, 5)

    response = login("bendahara", PASSWORD)

    html = response.content.decode()
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in html
    assert "Coba lagi dalam 30 menit" in html


@pytest.mark.django_db
def test_failures_count_across_entry_points(staff_treasurer):
    fail(page_login, 2)
    fail(admin_login, 2)
    fail(api_login, 1)

    assert api_login("bendahara", PASSWORD).status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("via", ENTRY_POINTS)
def test_same_user_from_another_address_is_not_locked(staff_treasurer, via):
    login, ok = ENTRY_POINTS[via]
    fail(login, 5)

    assert ok(login("bendahara", PASSWORD, ELSEWHERE))


@pytest.mark.django_db
@pytest.mark.parametrize("via", ENTRY_POINTS)
def test_another_user_from_the_same_address_is_not_locked(
    staff_treasurer, auditor, via
):
    login, ok = ENTRY_POINTS[via]
    auditor.is_staff = True
    auditor.save()
    fail(login, 5)

    response = login("pengawas", PASSWORD)

    if via == "admin":  # the auditor may log in to the admin: redirected onwards
        assert response.status_code == 302
    else:
        assert ok(response)


@pytest.mark.django_db
def test_lockout_expires_after_the_cool_off(staff_treasurer):
    fail(api_login, 5)
    assert api_login("bendahara", PASSWORD).status_code == 429

    with override_settings(AXES_COOLOFF_TIME=dt.timedelta(seconds=1)):
        time.sleep(1.2)
        response = api_login("bendahara", PASSWORD)

    assert api_ok(response)


@pytest.mark.django_db
def test_refused_attempts_do_not_extend_the_lockout(staff_treasurer):
    with override_settings(AXES_COOLOFF_TIME=dt.timedelta(seconds=2)):
        fail(api_login, 5)
        time.sleep(1.2)
        fail(api_login, 3)  # refused without counting
        assert api_login("bendahara", PASSWORD).status_code == 429
        time.sleep(1.0)

        response = api_login("bendahara", PASSWORD)

    assert api_ok(response)


@pytest.mark.django_db
def test_lockout_threshold_and_duration_are_settings(staff_treasurer, settings):
    settings.AXES_FAILURE_LIMIT = 2
    fail(api_login, 2)

    response = api_login("bendahara", PASSWORD)

    assert response.status_code == 429


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(staff_treasurer):
    fail(api_login, 5)

    response = Client(REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR="1.2.3.4").post(
        "/api/v1/auth/token/",
        {"username": "bendahara", "password": PASSWORD},
        content_type="application/json",
    )

    assert response.status_code == 429


@pytest.mark.django_db
@override_settings(ESTAMA_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_counts(staff_treasurer):
    proxy = "127.0.0.1"
    for _ in range(5):
        Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=OFFICE).post(
            "/login/", {"username": "bendahara", "password": "salah"}
        )

    locked = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=OFFICE).post(
        "/login/", {"username": "bendahara", "password": PASSWORD}
    )
    other = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE).post(
        "/login/", {"username": "bendahara", "password": PASSWORD}
    )

    assert locked.status_code == 429
    assert page_ok(other)


@pytest.mark.django_db
@pytest.mark.parametrize("via", ENTRY_POINTS)
def test_logins_are_audited(staff_treasurer, via):
    login, ok = ENTRY_POINTS[via]

    assert ok(login("bendahara", PASSWORD))
    login("bendahara", "salah")
    login("tidak-ada", "salah")

    succeeded = AuditEvent.objects.get(action="login.succeeded")
    assert succeeded.actor == staff_treasurer
    assert succeeded.after == {"username": "bendahara", "ip": OFFICE, "via": via}
    failed = list(AuditEvent.objects.filter(action="login.failed").order_by("id"))
    assert [event.after["username"] for event in failed] == ["bendahara", "tidak-ada"]
    assert failed[0].actor is None
    assert failed[0].object_id == str(staff_treasurer.pk)
    assert failed[1].object_id == ""
    assert {event.after["via"] for event in failed} == {via}
    assert all(event.after["ip"] == OFFICE for event in failed)
    assert "salah" not in str(list(AuditEvent.objects.values()))


@pytest.mark.django_db
def test_the_lockout_is_audited_once_and_refusals_are_marked(staff_treasurer):
    fail(page_login, 5)
    page_login("bendahara", PASSWORD)

    failed = list(AuditEvent.objects.filter(action="login.failed").order_by("id"))
    assert [event.after["failures"] for event in failed] == [1, 2, 3, 4, 5, None]
    assert [event.note for event in failed] == [""] * 5 + ["locked_out"]
    locked = AuditEvent.objects.get(action="login.locked_out")
    assert locked.after["username"] == "bendahara"
    assert locked.after["ip"] == OFFICE
    assert not AuditEvent.objects.filter(action="login.succeeded").exists()


@pytest.mark.django_db
def test_the_treasurer_can_lift_a_lockout_early(staff_treasurer):
    from django.core.management import call_command

    fail(page_login, 5)
    assert page_login("bendahara", PASSWORD).status_code == 429

    call_command("axes_reset_username", "bendahara")

    assert page_ok(page_login("bendahara", PASSWORD))
