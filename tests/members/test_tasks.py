"""Celery tasks (eager in tests): monthly issue and arrears reminders."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail

from members.models import OpenItem, ReminderSent
from members.services import dues_issue_period, payment_record
from members.services.reminders import arrears_reminders_send
from members.tasks import arrears_reminders_task, dues_issue_current_period


@pytest.mark.django_db(transaction=True)
def test_reminders_once_per_member_per_period_after_commit(new_member, plans):
    late = new_member("Ani", email="ani@example.org")
    paid = new_member("Budi", email="budi@example.org")
    new_member("Citra", email="")  # no email: cannot be reminded
    dues_issue_period(period="2026-01")
    payment_record(member=paid, amount=175000, method="cash", date=dt.date(2026, 1, 20))
    sent = arrears_reminders_send(period="2026-02", as_of=dt.date(2026, 2, 10))
    assert sent == 1
    assert [m.to for m in mail.outbox] == [["ani@example.org"]]
    assert "Rp 175.000" in mail.outbox[0].body
    assert late.number in mail.outbox[0].subject
    # a second run in the same period sends nothing; the next period reminds again
    assert arrears_reminders_send(period="2026-02", as_of=dt.date(2026, 2, 11)) == 0
    assert arrears_reminders_send(period="2026-03", as_of=dt.date(2026, 3, 1)) == 1
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2


@pytest.mark.django_db
def test_no_mail_when_the_transaction_rolls_back(
    new_member, plans, django_capture_on_commit_callbacks
):
    new_member("Ani", email="ani@example.org")
    dues_issue_period(period="2026-01")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert arrears_reminders_send(period="2026-02", as_of=dt.date(2026, 2, 10)) == 1
    assert len(callbacks) == 1 and mail.outbox == []


@pytest.mark.django_db
def test_tasks_run_eagerly(new_member, plans, settings):
    new_member("Ani", email="ani@example.org")
    result = dues_issue_current_period.delay("2026-04").get()
    assert result == {"period": "2026-04", "created": 2, "skipped": 0}
    assert OpenItem.objects.filter(period="2026-04").count() == 2
    assert arrears_reminders_task.delay("2099-01").get() == 1


def test_beat_schedule_issues_on_the_first():
    entry = settings.CELERY_BEAT_SCHEDULE["members-issue-dues-monthly"]
    assert entry["task"] == "members.tasks.dues_issue_current_period"
    assert entry["schedule"].day_of_month == {1}
    assert "members-arrears-reminders" in settings.CELERY_BEAT_SCHEDULE
