"""Issuing, checking and revoking API tokens (see ``api.tokens.models``).

A token is 32 random bytes (URL-safe base64) that the client keeps; the database keeps
its SHA-256. Looking a token up by its digest is safe without a salt or a slow hash
because the secret is random, not a password. Every issue and revocation is written to
the audit trail in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate, user_logged_in
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status

from api.tokens.models import ApiToken
from audit.services import audit_record
from estama.security.lockout import lockout_wait, wait_minutes

#: ``last_used_at`` is refreshed at most this often, so that reading the API does not
#: write a row on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)

#: Why a token stopped working, as recorded in the audit trail.
REASON_LOGOUT = "logout"
REASON_REVOKED = "revoked"
REASON_PASSWORD_CHANGED = "password_changed"
REASON_DEACTIVATED = "deactivated"


class InvalidCredentials(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_credentials"
    default_detail = _("Nama pengguna atau kata sandi salah.")


class LockedOut(exceptions.APIException):
    """Too many failed logins for this username from this address: even the right
    password is refused until the cool-off ends (``Retry-After`` says when)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self, wait: dt.timedelta):
        self.wait = int(wait.total_seconds()) + 1
        super().__init__(
            _(
                "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam "
                "%(minutes)d menit."
            )
            % {"minutes": wait_minutes(wait)}
        )


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


def token_digest(secret: str) -> str:
    """The stored form of a token secret."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def token_ttl() -> dt.timedelta:
    return dt.timedelta(days=settings.ESTAMA_TOKEN_TTL_DAYS)


def token_obtain(
    *, request: HttpRequest, username: str, password: str, name: str = ""
) -> IssuedToken:
    """Log in through the API: check the credentials and issue a new token.

    Django's ``authenticate`` runs the lockout backend first, so a locked-out username
    and address is refused before the password is checked; a success sends
    ``user_logged_in`` like the login pages do (last login, lockout bookkeeping and
    the audit trail listen to it).

    Args:
        request: the Django request (its address counts for the lockout).
        username / password: the credentials.
        name: a label for the device, shown in the list of tokens.

    Returns:
        The new token and its secret (shown to the client once, never stored).

    Raises:
        LockedOut: too many failures for this username from this address.
        InvalidCredentials: wrong username or password, or an inactive user.
    """
    user = authenticate(request=request, username=username, password=password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            raise LockedOut(lockout_wait(request, {"username": username}))
        raise InvalidCredentials()
    with transaction.atomic(durable=True):
        issued = token_issue(user=user, name=name)
        user_logged_in.send(sender=user.__class__, request=request, user=user)
    return issued


def token_issue(*, user, name: str = "") -> IssuedToken:
    """Issue a new token for ``user`` (expiring after ``ESTAMA_TOKEN_TTL_DAYS``) and
    forget the user's expired ones.

    Returns:
        The token row and the secret, which exists only in this return value.
    """
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        ApiToken.objects.filter(user=user, expires_at__lte=now).delete()
        token = ApiToken.objects.create(
            user=user,
            name=name,
            digest=token_digest(secret),
            created_at=now,
            expires_at=now + token_ttl(),
        )
        audit_record(
            actor=user,
            action="token.issued",
            target=token,
            after={
                "user": user.pk,
                "name": name,
                "expires": token.expires_at.isoformat(),
            },
        )
    return IssuedToken(token=token, secret=secret)


def token_authenticate(*, secret: str) -> ApiToken:
    """The live token whose secret is ``secret``, with its user loaded.

    Raises:
        rest_framework.exceptions.AuthenticationFailed: unknown or revoked token,
            expired token, or inactive user (401 ``authentication_failed``).
    """
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret))
        .first()
    )
    if token is None:
        raise exceptions.AuthenticationFailed(
            _("Token tidak dikenal atau sudah dicabut.")
        )
    now = timezone.now()
    if token.is_expired(at=now):
        raise exceptions.AuthenticationFailed(
            _("Token sudah kedaluwarsa; minta token baru.")
        )
    if not token.user.is_active:
        raise exceptions.AuthenticationFailed(_("Akun pengguna tidak aktif."))
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_revoke(*, token: ApiToken, actor, reason: str = REASON_REVOKED) -> None:
    """Revoke one token: it stops working at once.

    Args:
        token: the token to revoke.
        actor: who revoked it (the owner, on logout or from the list).
        reason: ``logout`` or ``revoked``; stored in the audit trail.
    """
    with transaction.atomic():
        _revoke([token], actor=actor, reason=reason)


def user_tokens_revoke(*, user, actor=None, reason: str) -> int:
    """Revoke every token of ``user`` (password changed, account deactivated).

    Returns:
        How many tokens were revoked.
    """
    with transaction.atomic():
        tokens = list(ApiToken.objects.filter(user=user).order_by("pk"))
        _revoke(tokens, actor=actor, reason=reason)
    return len(tokens)


def user_tokens(*, user):
    """The user's tokens that have not expired, newest first."""
    return ApiToken.objects.active().filter(user=user).order_by("-created_at", "-id")


def _revoke(tokens: list[ApiToken], *, actor, reason: str) -> None:
    for token in tokens:
        audit_record(
            actor=actor,
            action="token.revoked",
            target=token,
            before={
                "user": token.user_id,
                "name": token.name,
                "expires": token.expires_at.isoformat(),
            },
            note=reason,
        )
    ApiToken.objects.filter(pk__in=[token.pk for token in tokens]).delete()
