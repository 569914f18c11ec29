"""Who a user is to Estama: treasurer, auditor or member.

- treasurer: a superuser or a member of the ``treasurer`` group; does everything;
- auditor: a member of the ``auditor`` group; reads everything, writes nothing;
- member: a user linked to a ``Member``; sees only their own data.

A user who is none of these has no access.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist


class Role(StrEnum):
    TREASURER = "treasurer"
    AUDITOR = "auditor"
    MEMBER = "member"
    NONE = "none"


TREASURER_GROUP = "treasurer"
AUDITOR_GROUP = "auditor"


def user_role(user) -> Role:
    """The role of ``user``; cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Role.NONE
    cached = getattr(user, "_estama_role", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        role = Role.TREASURER
    else:
        groups = {group.name for group in user.groups.all()}
        if TREASURER_GROUP in groups:
            role = Role.TREASURER
        elif AUDITOR_GROUP in groups:
            role = Role.AUDITOR
        elif _linked_member(user) is not None:
            role = Role.MEMBER
        else:
            role = Role.NONE
    user._estama_role = role
    return role


def _linked_member(user):
    # The reverse side of ``Member.user`` (related_name "member"): reading it through
    # the user keeps this module below every app, so the ledger can ask for roles.
    try:
        return user.member
    except ObjectDoesNotExist:
        return None


def user_member(user):
    """The Member linked to ``user`` or None."""
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(user, "_estama_member"):
        user._estama_member = _linked_member(user)
    return user._estama_member
