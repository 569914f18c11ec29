"""API tokens, stored as a hash only.

Invariants:
- the secret a client sends is never stored: ``digest`` is its SHA-256 (64 hex
  characters, checked by the database), so a copy of the database grants no access;
- every token expires (``expires_at`` after ``created_at``, checked by the database);
- one row per login: each ``POST /api/v1/auth/token/`` issues a new token, so a device
  can be logged out without logging out the others. Revoking deletes the row; the audit
  trail keeps who issued and revoked it.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Length of a SHA-256 digest in hex.
DIGEST_LENGTH = 64


class ApiTokenQuerySet(models.QuerySet):
    def active(self, *, at=None):
        """Tokens that have not expired at ``at`` (default: now)."""
        return self.filter(expires_at__gt=at or timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("nama perangkat"), max_length=64, blank=True)
    digest = models.CharField(_("sidik token"), max_length=DIGEST_LENGTH, unique=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    expires_at = models.DateTimeField(_("kedaluwarsa"), db_index=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("digest"), DIGEST_LENGTH),
                name="apitoken_digest_is_sha256",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="apitoken_expires_after_created",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.name or self.pk}"

    def is_expired(self, *, at=None) -> bool:
        return self.expires_at <= (at or timezone.now())
