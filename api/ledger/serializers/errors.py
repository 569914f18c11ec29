"""The error body every 4xx answer shares, and its OpenAPI responses."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer (see ``api/exceptions.py``)."""

    code = serializers.CharField(help_text="Stable machine-readable error code.")
    detail = serializers.CharField(help_text="Human-readable message.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field path, e.g. `lines.0.debit`.",
    )


_ERROR_TEXT = {
    400: "Invalid input (`invalid`, `invalid_amount`, `invalid_date`, ...).",
    401: "Not authenticated (`not_authenticated`, `authentication_failed`).",
    403: "The user's role may not do this (`permission_denied`).",
    404: "Not found (`not_found`).",
    409: "Conflicts with the ledger's state (`period_locked`, `already_reversed`).",
    413: "The request body is larger than the limit (`request_too_large`).",
    415: "The body's media type is not accepted (`unsupported_media_type`).",
    422: "Idempotency-Key reused with a different request (`idempotency_key_reused`).",
    429: "Too many requests; retry later (`throttled`).",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for the given error statuses, all shaped like
    ``ErrorSerializer``."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=_ERROR_TEXT[code])
        for code in statuses
    }
