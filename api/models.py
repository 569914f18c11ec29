"""Idempotency records for money-moving POSTs.

Invariant: (user, key) is unique. The record is written in the same transaction as the
operation it guards, so a key is remembered exactly when its operation committed.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class IdempotencyKey(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="idempotency_user_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


# API tokens live in their own package; imported here so Django registers the model.
from api.tokens.models import ApiToken  # noqa: E402, F401
