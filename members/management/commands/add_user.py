"""``manage.py add_user``: create or update a login with one Estama role.

Usage: ``add_user USERNAME --role treasurer|auditor|member [--member NUMBER]
[--password P] [--email E]``.

- treasurer / auditor: the user joins that group (created when missing, with the admin
  permissions the role needs: the treasurer's full, the auditor's view-only) and leaves
  the other; both may use the admin (``is_staff``).
- member: the user is linked to the member with ``--member`` (required, must exist and
  not be linked to another login); no admin access.

The password comes from ``--password``, else ``ESTAMA_PASSWORD``, else a prompt (twice)
when stdin is a terminal; otherwise the command fails. Django's password validators
apply. Everything happens in one transaction, recorded in the audit trail.
"""

from __future__ import annotations

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from audit.services import audit_record
from estama.roles import AUDITOR_GROUP, TREASURER_GROUP, Role
from members.models import Member

ROLE_GROUPS = {Role.TREASURER: TREASURER_GROUP, Role.AUDITOR: AUDITOR_GROUP}
#: Apps whose admin pages the staff roles use (the treasurer changes, the auditor
#: views); the audit trail and Celery's task results are view-only for all.
ADMIN_APPS = ("ledger", "members", "sales", "reports", "django_celery_beat")
READ_ONLY_APPS = ("audit", "django_celery_results")


def _role_group(role: Role) -> Group:
    group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
    perms = Permission.objects.filter(
        Q(content_type__app_label__in=ADMIN_APPS)
        | Q(content_type__app_label__in=READ_ONLY_APPS, codename__startswith="view_")
    )
    if role == Role.AUDITOR:
        perms = perms.filter(codename__startswith="view_")
    group.permissions.add(*perms)
    return group


class Command(BaseCommand):
    help = "Create or update a user with an Estama role (treasurer, auditor, member)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            required=True,
            choices=[Role.TREASURER, Role.AUDITOR, Role.MEMBER],
        )
        parser.add_argument("--member", help="Member number (role member).")
        parser.add_argument("--password")
        parser.add_argument("--email", default=None)

    def handle(self, *args, **options):
        username = options["username"].strip()
        role = Role(options["role"])
        if not username:
            raise CommandError("Give a username.")
        member = self._member(role, options["member"])
        password = self._password(options["password"])

        User = get_user_model()
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            created = user is None
            if created:
                user = User(username=username)
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            if options["email"] is not None:
                user.email = options["email"]
            user.set_password(password)
            user.is_active = True
            user.is_staff = role in ROLE_GROUPS
            user.save()

            user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS.values()))
            if role in ROLE_GROUPS:
                user.groups.add(_role_group(role))
            else:
                self._link(user, member)
            audit_record(
                actor=None,
                action="user.created" if created else "user.updated",
                target=user,
                after={
                    "username": user.username,
                    "role": str(role),
                    "member": member.number if member else None,
                },
            )
        verb = "Created" if created else "Updated"
        suffix = f" for member {member.number}" if member else ""
        self.stdout.write(
            self.style.SUCCESS(f"{verb} user {username} ({role}){suffix}.")
        )

    def _member(self, role: Role, number: str | None) -> Member | None:
        if role != Role.MEMBER:
            if number:
                raise CommandError("--member is only for --role member.")
            return None
        if not number:
            raise CommandError("--role member needs --member NUMBER.")
        member = Member.objects.filter(number=number).first()
        if member is None:
            raise CommandError(f"Unknown member number {number!r}.")
        return member

    def _link(self, user, member: Member) -> None:
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.user_id not in (None, user.pk):
            raise CommandError(
                f"Member {member.number} already has another login "
                f"({member.user.username})."
            )
        other = Member.objects.filter(user=user).exclude(pk=member.pk).first()
        if other is not None:
            raise CommandError(
                f"User {user.username} is already linked to member {other.number}."
            )
        if member.user_id != user.pk:
            member.user = user
            member.save(update_fields=["user"])

    def _password(self, given: str | None) -> str:
        if given:
            return given
        from_env = os.environ.get("ESTAMA_PASSWORD")
        if from_env:
            return from_env
        if not sys.stdin.isatty():
            raise CommandError(
                "No password: give --password, set ESTAMA_PASSWORD or run in a "
                "terminal to be asked."
            )
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Password (again): ")
        if first != second:
            raise CommandError("The passwords do not match.")
        if not first:
            raise CommandError("The password must not be empty.")
        return first
