"""A password change or a deactivation revokes all of the user's tokens.

Users change in places Estama does not own (the admin's user and password forms,
Django's password reset, ``add_user``), so the rule hangs on the user model's save
signals rather than on a service: ``pre_save`` notes whether the password hash or
``is_active`` changes, ``post_save`` revokes inside the same transaction. Saves that
name ``update_fields`` without either field (``last_login`` on every login) cost
nothing. ``QuerySet.update()`` bypasses signals; authentication also refuses tokens of
inactive users, so a deactivation done that way still locks the tokens out.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save

from api.tokens.services import (
    REASON_DEACTIVATED,
    REASON_PASSWORD_CHANGED,
    user_tokens_revoke,
)

WATCHED = frozenset({"password", "is_active"})
_PENDING = "_estama_token_revoke_reason"


def connect() -> None:
    User = get_user_model()
    pre_save.connect(user_note_change, sender=User, dispatch_uid="tokens.pre_save")
    post_save.connect(user_revoke_tokens, sender=User, dispatch_uid="tokens.post_save")


def user_note_change(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and not WATCHED & set(update_fields):
        return
    old = (
        sender._default_manager.filter(pk=instance.pk)
        .values("password", "is_active")
        .first()
    )
    if old is None:
        return
    if old["is_active"] and not instance.is_active:
        setattr(instance, _PENDING, REASON_DEACTIVATED)
    elif old["password"] != instance.password:
        setattr(instance, _PENDING, REASON_PASSWORD_CHANGED)


def user_revoke_tokens(sender, instance, raw=False, **kwargs):
    reason = instance.__dict__.pop(_PENDING, None)
    if reason and not raw:
        user_tokens_revoke(user=instance, reason=reason)
