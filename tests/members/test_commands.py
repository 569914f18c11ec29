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
    lines = out.getvalue().strip().splitlines()
    # a progress bar with the exact total (2 members x 2 plans), then one line
    assert "4/4" in out.getvalue()
    assert lines[-1] == (
        "Periode 2026-12: 4 tagihan baru diterbitkan, 0 sudah ada dan dilewati."
    )
    out = io.StringIO()
    call_command("issue_dues", "--period", "2026-12", "--lang", "en", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == (
        "Period 2026-12: 0 new bills issued, 4 already there and skipped."
    )
    assert OpenItem.objects.filter(period="2026-12").count() == 4


def test_issue_dues_total_counts_only_eligible_members(new_member, plans):
    new_member("Ani")
    late = new_member("Budi")
    late.joined_on = late.joined_on.replace(year=2027)
    late.save(update_fields=["joined_on"])
    out = io.StringIO()

    call_command("issue_dues", "--period", "2026-12", stdout=out)

    assert "2/2" in out.getvalue() and "4/4" not in out.getvalue()


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
    # The staff have addresses, so a failed nightly verification reaches someone.
    assert set(
        User.objects.filter(username__in=["bendahara", "auditor"]).values_list(
            "email", flat=True
        )
    ) == {"bendahara@contoh.id", "pengawas@contoh.id"}
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
