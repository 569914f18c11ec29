"""Who may open which page.

Invariants:
    - an anonymous visitor is sent to the login page (with ``next``);
    - member pages show only the logged-in user's own member; a user who is not a
      member gets 404 there (the treasurer's home is the dashboard);
    - the dashboard is for the treasurer and the auditor; to a member it does not
      exist (404), as the API answers for other people's data;
    - the treasurer's workspace pages (``staff_write_page``) are read-only to the
      auditor: no write buttons, and a POST from them answers 403.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from estama.roles import Role, user_member, user_role

STAFF_ROLES = frozenset({Role.TREASURER, Role.AUDITOR})


def member_page(view):
    """Log-in required; passes ``member`` (the user's own) to the view, or 404."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        member = (
            user_member(request.user)
            if user_role(request.user) == Role.MEMBER
            else None
        )
        if member is None:
            raise Http404
        return view(request, *args, member=member, **kwargs)

    return wrapper


def staff_page(view):
    """Log-in required; only the treasurer and the auditor, 404 for anyone else."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if user_role(request.user) not in STAFF_ROLES:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def staff_write_page(view):
    """Like ``staff_page``; and only the treasurer may POST: the auditor reads the
    same page but a POST from them is refused with 403 (nothing is written)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        role = user_role(request.user)
        if role not in STAFF_ROLES:
            raise Http404
        if request.method not in ("GET", "HEAD") and role != Role.TREASURER:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def can_write(request) -> bool:
    """Whether the page may offer write buttons (the treasurer only)."""
    return user_role(request.user) == Role.TREASURER


def known_user_page(view):
    """Log-in required; any role (treasurer, auditor, member), 404 for a user who is
    none of them."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if user_role(request.user) == Role.NONE:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
