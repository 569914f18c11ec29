"""``Idempotency-Key`` for money-moving POSTs.

Semantics (after Stripe and the IETF idempotency-key draft):
- keys are per user; the header is optional (without it nothing is deduplicated);
- the first successful (2xx) response is stored with a fingerprint of the request
  (method, path, body) in the same transaction as the operation, so an operation and the
  memory of it commit together;
- the same key with the same request replays the stored response (header
  ``Idempotent-Replayed: true``) and changes nothing;
- the same key with a different request answers 422 ``idempotency_key_reused``;
- an error response is not stored: the client may fix the cause and retry with the key;
- two concurrent requests with one key: the unique (user, key) constraint lets one
  commit; the other's work is rolled back and it replays the winner's response.
"""

from __future__ import annotations

import functools
import hashlib
import json

from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response

from api.models import IdempotencyKey

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


class IdempotencyKeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"
    default_detail = (
        "This Idempotency-Key was already used with a different request; "
        "use a new key for a new operation."
    )


class _FingerprintEncoder(DjangoJSONEncoder):
    """Also fingerprints uploaded files (multipart bodies) by name, size and content."""

    def default(self, o):
        if isinstance(o, UploadedFile):
            digest = hashlib.sha256()
            for chunk in o.chunks():
                digest.update(chunk)
            o.seek(0)
            return {"file": o.name, "size": o.size, "sha256": digest.hexdigest()}
        return super().default(o)


def _fingerprint(request) -> str:
    body = json.dumps(
        request.data, sort_keys=True, cls=_FingerprintEncoder, separators=(",", ":")
    )
    raw = f"{request.method}\n{request.path}\n{body}".encode()
    return hashlib.sha256(raw).hexdigest()


def _replay(record: IdempotencyKey, fingerprint: str) -> Response:
    if record.fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    response = Response(record.response_body, status=record.response_status)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(method):
    """Decorate an APIView's ``post`` so that it honours ``Idempotency-Key``."""

    @functools.wraps(method)
    def wrapper(view, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return method(view, request, *args, **kwargs)
        key = key.strip()
        if not key or len(key) > MAX_KEY_LENGTH:
            raise ValidationError(
                {HEADER: [f"Give 1 to {MAX_KEY_LENGTH} characters."]},
                code="invalid_idempotency_key",
            )
        fingerprint = _fingerprint(request)
        for attempt in range(2):
            try:
                with transaction.atomic():
                    record = IdempotencyKey.objects.filter(
                        user=request.user, key=key
                    ).first()
                    if record is not None:
                        return _replay(record, fingerprint)
                    response = method(view, request, *args, **kwargs)
                    if 200 <= response.status_code < 300:
                        IdempotencyKey.objects.create(
                            user=request.user,
                            key=key,
                            method=request.method,
                            path=request.path[:255],
                            fingerprint=fingerprint,
                            response_status=response.status_code,
                            response_body=response.data,
                        )
                    return response
            except IntegrityError:
                taken = IdempotencyKey.objects.filter(user=request.user, key=key)
                if attempt == 0 and taken.exists():
                    continue  # a concurrent request with this key won: replay it
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper
