"""Management commands: issue_dues and seed_demo."""

import io

import pytest
from django.core.management import CommandError, call_command

from members.models import OpenItem

pytestmark = pytest.mark.django_db


def test_issue_dues_prints_created_then_skipped(new_member, plans):
    new_member("Ani")
    new_member("Budi")
    out = io.StringIO()
    call_command("issue_dues", "--period", "2026-12", stdout=out, stderr=io.StringIO())
    assert "created 4, skipped 0" in out.getvalue()
    out = io.StringIO()
    call_command("issue_dues", "--period", "2026-12", stdout=out, stderr=io.StringIO())
    assert "created 0, skipped 4" in out.getvalue()
    assert OpenItem.objects.filter(period="2026-12").count() == 4


def test_issue_dues_rejects_a_bad_period(plans):
    with pytest.raises(CommandError, match="invalid_period"):
        call_command("issue_dues", "--period", "2026-13", stdout=io.StringIO())


def test_seed_demo_is_realistic_idempotent_and_balanced():
    from django.contrib.auth import authenticate
    from django.contrib.auth.models import User

    from ledger.integrity import ledger_verify
    from members.models import Member, Payment

    out = io.StringIO()
    call_command(
        "seed_demo",
        "--members",
        "40",
        "--seed",
        "7",
        "--password",
        "uji-demo-123",
        stdout=out,
    )
    assert "Seeded" in out.getvalue() and "estama-demo" not in out.getvalue()
    assert Member.objects.count() == 40
    assert Member.objects.values("region").distinct().count() > 10
    assert Payment.objects.exists()
    assert authenticate(username="bendahara", password="uji-demo-123") is not None
    first = Member.objects.order_by("number").first()
    assert User.objects.filter(username=first.number.lower(), member=first).exists()
    report = ledger_verify()
    assert report.ok, [p.message for p in report.problems]
    # running again changes nothing
    counts = (Member.objects.count(), Payment.objects.count())
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "already seeded" in out.getvalue()
    assert (Member.objects.count(), Payment.objects.count()) == counts
