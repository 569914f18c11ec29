"""The ledger's admin for a logged-in superuser: pages open, actions post and reverse
through the services, posted entries cannot be changed or deleted."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from audit.models import AuditEvent
from ledger.models import Account, EntryStatus, JournalEntry, Period
from ledger.services import LineInput, entry_draft_create, entry_post, period_lock


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser("admin", "admin@example.org", "rahasia-123")
    client.force_login(user)
    return client


def posted(amount="1000", day=5):
    return entry_post(
        date=dt.date(2026, 1, day),
        description="Uji admin",
        lines=[LineInput("1-1100", debit=amount), LineInput("4-9100", credit=amount)],
    )


def draft(amount="1000", credit_amount=None):
    return entry_draft_create(
        date=dt.date(2026, 1, 6),
        description="Draf",
        lines=[
            LineInput("1-1100", debit=amount),
            LineInput("4-9100", credit=credit_amount or amount),
        ],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "admin:ledger_account_changelist",
        "admin:ledger_journalentry_changelist",
        "admin:ledger_journalentry_add",
        "admin:ledger_period_changelist",
        "admin:ledger_period_add",
        "admin:audit_auditevent_changelist",
    ],
)
def test_pages_open(admin_client, name):
    posted()
    period_lock(year=2026, month=2)

    assert admin_client.get(reverse(name)).status_code == 200


@pytest.mark.django_db
def test_change_pages_open(admin_client):
    entry = posted()
    period = period_lock(year=2026, month=2)
    event = AuditEvent.objects.first()
    account = Account.objects.get(code="1-1100")

    for name, pk in [
        ("admin:ledger_account_change", account.pk),
        ("admin:ledger_journalentry_change", entry.pk),
        ("admin:ledger_journalentry_change", draft().pk),
        ("admin:ledger_period_change", period.pk),
        ("admin:audit_auditevent_change", event.pk),
    ]:
        assert admin_client.get(reverse(name, args=[pk])).status_code == 200, name


@pytest.mark.django_db
def test_changelists_do_not_query_per_row(admin_client, django_assert_max_num_queries):
    for day in range(1, 4):
        posted(day=day)
    url = reverse("admin:ledger_journalentry_changelist")
    with django_assert_max_num_queries(30) as few:
        admin_client.get(url)
    for day in range(4, 24):
        posted(day=day)

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(url).status_code == 200
    audit = reverse("admin:audit_auditevent_changelist")
    with django_assert_max_num_queries(30):
        assert admin_client.get(audit).status_code == 200


@pytest.mark.django_db
def test_account_code_is_read_only_once_it_has_lines(admin_client):
    posted()
    used = Account.objects.get(code="1-1100")
    unused = Account.objects.get(code="1-1110")

    used_page = admin_client.get(reverse("admin:ledger_account_change", args=[used.pk]))
    unused_page = admin_client.get(
        reverse("admin:ledger_account_change", args=[unused.pk])
    )

    assert 'name="code"' not in used_page.content.decode()
    assert 'name="is_group"' not in used_page.content.decode()
    assert 'name="code"' in unused_page.content.decode()
    delete = admin_client.post(
        reverse("admin:ledger_account_delete", args=[unused.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert Account.objects.filter(pk=unused.pk).exists()


@pytest.mark.django_db
def test_post_drafts_action_posts_through_the_service(admin_client):
    good = draft()
    bad = draft(amount="1000", credit_amount="900")

    response = admin_client.post(
        reverse("admin:ledger_journalentry_changelist"),
        {"action": "post_drafts", "_selected_action": [good.pk, bad.pk]},
        follow=True,
    )

    good.refresh_from_db()
    bad.refresh_from_db()
    assert response.status_code == 200
    assert good.status == EntryStatus.POSTED
    assert good.number == "JU-2026-000001"
    assert bad.status == EntryStatus.DRAFT
    text = response.content.decode()
    assert "unbalanced_entry" in text
    assert "1 draf diposting" in text


@pytest.mark.django_db
def test_reverse_action_reverses_once(admin_client):
    entry = posted()
    url = reverse("admin:ledger_journalentry_changelist")

    admin_client.post(
        url, {"action": "reverse_entries", "_selected_action": [entry.pk]}
    )
    again = admin_client.post(
        url,
        {"action": "reverse_entries", "_selected_action": [entry.pk]},
        follow=True,
    )

    reversal = JournalEntry.objects.get(reverses=entry)
    assert reversal.source == "reversal"
    assert JournalEntry.objects.count() == 2
    assert "already_reversed" in again.content.decode()


@pytest.mark.django_db
def test_posted_entry_cannot_be_changed_or_deleted(admin_client):
    entry = posted()
    change_url = reverse("admin:ledger_journalentry_change", args=[entry.pk])

    page = admin_client.get(change_url)
    changed = admin_client.post(
        change_url,
        {"date": "2026-01-07", "description": "Diubah", "source": "manual"},
    )
    deleted = admin_client.post(
        reverse("admin:ledger_journalentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    bulk = admin_client.post(
        reverse("admin:ledger_journalentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )

    assert page.status_code == 200
    assert 'name="description"' not in page.content.decode()
    assert changed.status_code == 403
    assert deleted.status_code == 403
    assert bulk.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.description == "Uji admin"
    assert JournalEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_draft_is_editable(admin_client):
    entry = draft()
    line_ids = list(entry.lines.values_list("id", flat=True))
    prefix = "lines"
    data = {
        "date": "2026-01-08",
        "description": "Draf diubah",
        "source": "manual",
        "reference": "",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "2",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, (line_id, side, code) in enumerate(
        zip(line_ids, ("D", "C"), ("1-1100", "4-9100"), strict=True)
    ):
        data.update(
            {
                f"{prefix}-{index}-id": str(line_id),
                f"{prefix}-{index}-entry": str(entry.pk),
                f"{prefix}-{index}-account": str(Account.objects.get(code=code).pk),
                f"{prefix}-{index}-side": side,
                f"{prefix}-{index}-amount_0": "2500",
                f"{prefix}-{index}-amount_1": "IDR",
                f"{prefix}-{index}-member": "",
                f"{prefix}-{index}-memo": "",
            }
        )

    response = admin_client.post(
        reverse("admin:ledger_journalentry_change", args=[entry.pk]), data
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    entry.refresh_from_db()
    assert entry.description == "Draf diubah"
    assert {str(line.amount.amount) for line in entry.lines.all()} == {"2500.00"}


@pytest.mark.django_db
def test_draft_line_with_fraction_is_refused_by_the_form(admin_client):
    entry = draft()
    line = entry.lines.first()
    data = {
        "date": "2026-01-06",
        "description": "Draf",
        "source": "manual",
        "reference": "",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "1",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-id": str(line.pk),
        "lines-0-entry": str(entry.pk),
        "lines-0-account": str(line.account_id),
        "lines-0-side": "D",
        "lines-0-amount_0": "10.50",
        "lines-0-amount_1": "IDR",
        "lines-0-memo": "",
    }

    response = admin_client.post(
        reverse("admin:ledger_journalentry_change", args=[entry.pk]), data
    )

    assert response.status_code == 200
    assert "rupiah harus bulat" in response.content.decode()


@pytest.mark.django_db
def test_period_actions_lock_and_unlock_through_the_service(admin_client):
    period = period_lock(year=2026, month=3)
    url = reverse("admin:ledger_period_changelist")

    admin_client.post(
        url, {"action": "unlock_periods", "_selected_action": [period.pk]}
    )
    period.refresh_from_db()
    assert period.is_locked is False
    admin_client.post(url, {"action": "lock_periods", "_selected_action": [period.pk]})
    period.refresh_from_db()
    assert period.is_locked is True
    assert period.changed_by.username == "admin"
    assert AuditEvent.objects.filter(action="period.unlocked").count() == 1


@pytest.mark.django_db
def test_period_add_form_locks_through_the_service(admin_client):
    response = admin_client.post(
        reverse("admin:ledger_period_add"),
        {"year": "2026", "month": "4", "is_locked": "on"},
    )
    bad = admin_client.post(
        reverse("admin:ledger_period_add"),
        {"year": "2026", "month": "13", "is_locked": "on"},
    )

    assert response.status_code == 302
    assert Period.objects.get(year=2026, month=4).is_locked
    assert AuditEvent.objects.filter(action="period.locked").exists()
    assert bad.status_code == 200
    assert not Period.objects.filter(month=13).exists()


@pytest.mark.django_db
def test_audit_events_are_read_only(admin_client):
    posted()
    event = AuditEvent.objects.first()

    add = admin_client.get(reverse("admin:audit_auditevent_add"))
    delete = admin_client.post(
        reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}
    )

    assert add.status_code == 403
    assert delete.status_code == 403


@pytest.mark.django_db
def test_add_form_saves_a_draft_that_the_action_then_posts(admin_client):
    cash = Account.objects.get(code="1-1100")
    income = Account.objects.get(code="4-9100")
    data = {
        "date": "2026-01-09",
        "description": "Draf baru",
        "source": "manual",
        "reference": "",
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for index, (account, side) in enumerate([(cash, "D"), (income, "C")]):
        data.update(
            {
                f"lines-{index}-account": str(account.pk),
                f"lines-{index}-side": side,
                f"lines-{index}-amount_0": "3000",
                f"lines-{index}-amount_1": "IDR",
                f"lines-{index}-memo": "",
            }
        )

    added = admin_client.post(reverse("admin:ledger_journalentry_add"), data)
    entry = JournalEntry.objects.get(description="Draf baru")
    admin_client.post(
        reverse("admin:ledger_journalentry_changelist"),
        {"action": "post_drafts", "_selected_action": [entry.pk]},
    )

    assert added.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.POSTED
    assert entry.created_by.username == "admin"
    assert entry.lines.count() == 2
