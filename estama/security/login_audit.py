"""Logins in the audit trail, from every entry point.

The login page, the admin and the token endpoint all end in Django's ``authenticate``
and ``login`` (the token endpoint sends ``user_logged_in`` itself), so Django's auth
signals are the one place that sees them all. The receivers run after django-axes'
(this app comes after ``axes`` in ``INSTALLED_APPS``) and read what it found out:

- ``login.succeeded``: actor and target the user;
- ``login.failed``: no actor; target the user if the username exists; ``after`` holds
  the username tried, the address, the entry point, the failure count and whether the
  attempt was refused by a lockout without checking the password (note
  ``locked_out``);
- ``login.locked_out``: the failure that started a lockout.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction

from audit.services import audit_record

#: Entry points by path prefix; anything else with a path is a page.
ENTRY_POINTS = (("/api/", "api"), ("/admin/", "admin"))


def connect() -> None:
    user_logged_in.connect(login_succeeded, dispatch_uid="security.login_succeeded")
    user_login_failed.connect(login_failed, dispatch_uid="security.login_failed")


def entry_point(request) -> str:
    path = getattr(request, "path_info", "") or ""
    if not path:
        return "other"  # no HTTP request: the test client's login(), the shell
    return next(
        (name for prefix, name in ENTRY_POINTS if path.startswith(prefix)), "web"
    )


def client_address(request) -> str | None:
    if request is None:
        return None
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")


def login_succeeded(sender, request, user, **kwargs) -> None:
    with transaction.atomic():
        audit_record(
            actor=user,
            action="login.succeeded",
            target=user,
            after={
                "username": user.get_username(),
                "ip": client_address(request),
                "via": entry_point(request),
            },
        )


def login_failed(sender, credentials, request=None, **kwargs) -> None:
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or "")[:150]
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
    locked = bool(getattr(request, "axes_locked_out", False))
    failures = getattr(request, "axes_failures_since_start", None)
    # Axes counts a failure (and sets the number) only when it checked the password;
    # a request refused by an existing lockout carries no number.
    refused = locked and failures is None
    details = {
        "username": username,
        "ip": client_address(request),
        "via": entry_point(request),
        "failures": failures,
        "locked_out": locked,
    }
    with transaction.atomic():
        audit_record(
            actor=None,
            action="login.failed",
            target=user,
            after=details,
            note="locked_out" if refused else "",
        )
        if locked and not refused:
            audit_record(
                actor=None, action="login.locked_out", target=user, after=details
            )
