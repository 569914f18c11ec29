"""Terbitkan iuran: month picker, preview, background issue with progress, summary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.models import Job
from ledger.models import JournalEntry
from members.models import OpenItem
from members.services import dues_plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(db, make_member):
    dues_plan_create(name="Iuran bulanan", kind="iuran", amount=Decimal(25000))
    dues_plan_create(name="Wajib bulanan", kind="wajib", amount=Decimal(50000))
    members = [make_member(f"Aktif {n}") for n in range(3)]
    make_member("Calon", status="applicant")
    make_member("Keluar", status="left")
    late = make_member("Baru")
    late.joined_on = dt.date(2026, 8, 1)
    late.save(update_fields=["joined_on"])
    return members


def test_preview_lists_members_to_bill_per_plan_and_who_is_skipped(
    web_client, treasurer, plans
):
    response = web_client(treasurer).get("/iuran/terbitkan/?period=2026-07")

    preview = response.context["preview"]
    assert [(p.plan.name, p.to_bill, p.total) for p in preview.plans] == [
        ("Iuran bulanan", 3, Decimal(75000)),
        ("Wajib bulanan", 3, Decimal(150000)),
    ]
    assert preview.skipped == {"applicant": 1, "left": 1, "joined_after": 1}
    assert preview.total == Decimal(225000)
    html = response.content.decode()
    assert 'type="month"' in html and "Terbitkan 6 tagihan" in html
    assert not OpenItem.objects.exists()


def test_confirm_runs_the_job_and_shows_the_summary(
    web_client, treasurer, plans, django_capture_on_commit_callbacks
):
    client = web_client(treasurer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/iuran/terbitkan/", {"period": "2026-07"})

    job = Job.objects.get()
    assert response["Location"] == f"/tugas/{job.pk}/"
    assert job.status == "done" and job.total == 6 and job.done == 6
    assert job.result == {"period": "2026-07", "created": 6, "skipped": 0}
    assert job.created_by == treasurer
    assert OpenItem.objects.filter(period="2026-07").count() == 6
    # only iuran is posted when billed (Dr 1-1310 / Cr 4-1400); simpanan wajib
    # becomes capital when paid, so its bills post nothing
    posted = JournalEntry.objects.filter(description__contains="2026-07")
    assert posted.count() == 1
    codes = set(posted.values_list("lines__account__code", flat=True))
    assert codes == {"1-1310", "4-1400"}
    page = client.get(response["Location"])
    assert "6 tagihan baru diterbitkan untuk Juli 2026" in page.content.decode()
    assert "data-poll" not in page.content.decode()

    # issuing again bills nobody twice
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/iuran/terbitkan/", {"period": "2026-07"})
    second = Job.objects.order_by("-pk").first()
    assert second.result == {"period": "2026-07", "created": 0, "skipped": 6}
    assert OpenItem.objects.filter(period="2026-07").count() == 6


def test_a_refused_period_fails_the_job_without_writes(
    web_client, treasurer, plans, django_capture_on_commit_callbacks
):
    from ledger.services import period_lock

    period_lock(year=2026, month=7, user=treasurer)
    client = web_client(treasurer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/iuran/terbitkan/", {"period": "2026-07"})

    job = Job.objects.get()
    assert job.status == "failed" and job.error
    assert not OpenItem.objects.exists()


def test_invalid_period_shows_an_error(web_client, treasurer, plans):
    client = web_client(treasurer)
    for bad in ("2026-13", "juli", "1999-01"):
        response = client.get(f"/iuran/terbitkan/?period={bad}")
        assert response.status_code == 200 and response.context["error"]
        post = client.post("/iuran/terbitkan/", {"period": bad})
        assert post.status_code == 200
    assert not Job.objects.exists()


def test_running_job_page_refreshes_itself(web_client, treasurer):
    job = Job.objects.create(kind="dues_issue", params={"period": "2026-07"}, total=9)
    Job.objects.filter(pk=job.pk).update(status="running")

    html = web_client(treasurer).get(f"/tugas/{job.pk}/").content.decode()

    assert 'data-poll="2"' in html and 'http-equiv="refresh"' in html


def test_auditor_sees_the_preview_but_cannot_issue(web_client, auditor, plans):
    client = web_client(auditor)

    page = client.get("/iuran/terbitkan/?period=2026-07")
    post = client.post("/iuran/terbitkan/", {"period": "2026-07"})

    assert page.status_code == 200 and "Terbitkan 6" not in page.content.decode()
    assert "Penerbitan iuran (pengawas)" in page.content.decode()
    assert post.status_code == 403 and not Job.objects.exists()


def test_preview_query_count_does_not_grow_with_members(
    web_client, treasurer, plans, make_member
):
    client = web_client(treasurer)
    with CaptureQueriesContext(connection) as before:
        client.get("/iuran/terbitkan/?period=2026-07")
    for n in range(10):
        make_member(f"Lagi {n}", status="suspended" if n % 2 else "active")

    with CaptureQueriesContext(connection) as after:
        client.get("/iuran/terbitkan/?period=2026-07")

    assert len(after) == len(before) <= 15
