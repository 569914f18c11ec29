"""Who may do what in the admin, generated from the admin registry.

Every registered model admin and every action it offers (its own and the site-wide
ones) has an entry in ``ADMIN_ACTIONS``: the roles the action is offered to. Each role
(anonymous, member, another member, auditor, treasurer) opens the changelist with a
real request; an action offered to a role not in the table, or missing for one in it,
fails. Every role the action is not offered to also forges the POST that would run it
(with every field its intermediate form asks for): nothing may change, not one row,
not one status. The auditor also forges the add and change forms. A model admin or an
action that is not in the table fails the test: new ones need an entry.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client, RequestFactory, TestCase

from estama.admin_access import TreasurerOnlyWrites
from tests.authz.world import ROLES, build_world, posted_state, row_counts

T = frozenset({"treasurer"})
NOBODY: frozenset[str] = frozenset()

#: model label -> {action name -> roles it is offered to}
ADMIN_ACTIONS: dict[str, dict[str, frozenset[str]]] = {
    "audit.AuditEvent": {"delete_selected": NOBODY},
    "ledger.Account": {"delete_selected": NOBODY},
    "ledger.JournalEntry": {
        "delete_selected": NOBODY,
        "post_drafts": T,
        "reverse_entries": T,
    },
    "ledger.Period": {
        "delete_selected": NOBODY,
        "lock_periods": T,
        "unlock_periods": T,
    },
    "ledger.VerificationRun": {"delete_selected": NOBODY},
    "members.Member": {
        "delete_selected": NOBODY,
        "issue_dues": T,
        "record_payment": T,
        "activate": T,
        "approve_resignation": T,
    },
    "members.DuesPlan": {"delete_selected": NOBODY},
    "members.OpenItem": {"delete_selected": NOBODY, "waive": T},
    "members.Payment": {"delete_selected": NOBODY},
    "members.ShareTransaction": {"delete_selected": NOBODY},
    "members.Resignation": {"delete_selected": NOBODY, "pay_out": T},
    "members.ReminderSent": {"delete_selected": NOBODY},
    "sales.Item": {"delete_selected": NOBODY},
    "sales.Invoice": {
        "delete_selected": NOBODY,
        "issue_invoices": T,
        "void_invoices": T,
        "record_full_payment": T,
    },
    "sales.Payment": {"delete_selected": NOBODY},
    "sales.Purchase": {"delete_selected": NOBODY, "pay_from_bank": T},
    "sales.Expense": {"delete_selected": NOBODY},
    "reports.FiscalYear": {"delete_selected": NOBODY, "close_years": T},
}
#: Django's own admins (users, groups, tokens): managed by Django's permissions.
#: Admins of Django and of the Celery apps: left to Django's model permissions, which
#: add_user grants (schedules: the treasurer changes, the auditor views; task results:
#: view only) -- see test_celery_admins_follow_the_roles below.
DJANGO_ADMINS = {
    "auth.User",
    "auth.Group",
    "django_celery_beat.PeriodicTask",
    "django_celery_beat.IntervalSchedule",
    "django_celery_beat.CrontabSchedule",
    "django_celery_beat.SolarSchedule",
    "django_celery_beat.ClockedSchedule",
    "django_celery_results.TaskResult",
    "django_celery_results.GroupResult",
}

FORM_FIELDS = {
    "index": "0",
    "apply": "1",
    "period": "2026-03",
    "amount": "50000",
    "method": "cash",
    "date": "2026-02-03",
    "reference": "palsu",
    "reason": "dipalsukan",
}


def _registered() -> dict[str, admin.ModelAdmin]:
    return {model._meta.label: ma for model, ma in admin.site._registry.items()}


def _declared_actions(modeladmin) -> set[str]:
    names = {name for name, _ in admin.site.actions}
    for action in modeladmin.actions or ():
        names.add(action if isinstance(action, str) else action.__name__)
    return names


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(modeladmin, view: str, *args) -> str:
    from django.urls import reverse

    opts = modeladmin.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def _offered(response) -> set[str]:
    form = response.context.get("action_form") if response.context else None
    if form is None:
        return set()
    return {name for name, _ in form.fields["action"].choices if name}


WITH_ACTIONS = [
    label
    for label, actions in ADMIN_ACTIONS.items()
    if set(actions) - {"delete_selected"}
]


def test_every_admin_and_action_has_an_entry():
    registered = _registered()
    ours = {label for label in registered if label not in DJANGO_ADMINS}

    assert ours == set(ADMIN_ACTIONS), "add the new model admin to ADMIN_ACTIONS"
    for label in ours:
        assert _declared_actions(registered[label]) == set(ADMIN_ACTIONS[label]), label
        assert isinstance(registered[label], TreasurerOnlyWrites), label
        for inline in registered[label].inlines:
            assert issubclass(inline, TreasurerOnlyWrites), (label, inline)


class AdminAuthorizationMatrix(TestCase):
    """One world (``setUpTestData``); each model admin runs in a savepoint that is
    rolled back, so the matrix costs one world, not one per admin."""

    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()

    @contextmanager
    def scenario(self, label: str):
        """A subtest whose writes are rolled back, whatever happens in it."""
        with self.subTest(label=label), transaction.atomic():
            yield
            transaction.set_rollback(True)

    def each_admin(self, labels=None):
        for label in sorted(labels or ADMIN_ACTIONS):
            modeladmin = _registered()[label]
            target = modeladmin.model._default_manager.order_by("pk").first()
            assert target is not None, f"the world has no {label} row to act on"
            yield label, modeladmin, target

    def test_actions_by_role(self):
        for label, modeladmin, target in self.each_admin():
            with self.scenario(label):
                self.check_actions(label, modeladmin, target)

    def check_actions(self, label, modeladmin, target):
        changelist = _url(modeladmin, "changelist")
        for role in ROLES:
            client = _client(self.world.users[role])
            response = client.get(changelist)
            if role in ("anonymous", "member", "other_member"):
                assert response.status_code == 302, (label, role)
                assert "/admin/login/" in response["Location"]
            else:
                assert response.status_code == 200, (label, role)
            actions = ADMIN_ACTIONS[label]
            expected = {a for a, roles in actions.items() if role in roles}
            assert _offered(response) == expected, (label, role)

            for action in set(actions) - expected:
                before = (row_counts(), posted_state())
                response = client.post(
                    changelist,
                    {
                        "action": action,
                        "_selected_action": [target.pk],
                        **FORM_FIELDS,
                    },
                )
                assert response.status_code in (200, 302, 403), (label, role)
                assert (row_counts(), posted_state()) == before, (label, action)

    def test_auditor_cannot_add_or_change(self):
        client = _client(self.world.users["auditor"])
        for label, modeladmin, target in self.each_admin():
            with self.scenario(label):
                before = (row_counts(), posted_state())
                add = _url(modeladmin, "add")
                change = _url(modeladmin, "change", target.pk)

                assert client.get(add).status_code == 403
                assert client.post(add, FORM_FIELDS).status_code == 403
                assert client.get(change).status_code == 200  # the auditor reads all
                assert client.post(change, FORM_FIELDS).status_code == 403
                assert (row_counts(), posted_state()) == before

    def test_actions_refuse_a_non_treasurer_even_when_called_directly(self):
        """Second line of defence: were an action ever listed for the auditor,
        running it still refuses before anything is written."""
        request = RequestFactory().post("/admin/", FORM_FIELDS)
        request.user = self.world.users["auditor"]
        for label, modeladmin, _target in self.each_admin(WITH_ACTIONS):
            with self.scenario(label):
                queryset = modeladmin.model._default_manager.all()
                before = (row_counts(), posted_state())

                for name in set(ADMIN_ACTIONS[label]) - {"delete_selected"}:
                    with pytest.raises(PermissionDenied):
                        getattr(modeladmin, name)(request, queryset)
                assert (row_counts(), posted_state()) == before


@pytest.mark.django_db
def test_celery_admins_follow_the_roles():
    """The treasurer edits schedules; the auditor only views them; task results are
    view-only for both (they are written by Celery, never by hand)."""
    from django_celery_beat.models import PeriodicTask
    from django_celery_results.models import TaskResult

    world = build_world()
    treasurer, auditor = world.users["treasurer"], world.users["auditor"]
    site = admin.site
    request = RequestFactory().get("/admin/")
    tasks = site._registry[PeriodicTask]
    results = site._registry[TaskResult]
    request.user = treasurer
    assert tasks.has_change_permission(request) and tasks.has_add_permission(request)
    assert not results.has_change_permission(request)
    assert not results.has_add_permission(request)
    request.user = auditor
    assert tasks.has_view_permission(request)
    assert not tasks.has_change_permission(request)
    assert not tasks.has_add_permission(request)
    assert not tasks.has_delete_permission(request)
    assert results.has_view_permission(request)
    assert not results.has_delete_permission(request)
