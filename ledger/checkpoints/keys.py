"""The checkpoint signing key: ``ESTAMA_CHECKPOINT_KEY`` (required in production). The
local default creates a random key in ``ESTAMA_CHECKPOINT_KEY_FILE`` (default
``var/checkpoint.key``, mode 0600) on first use. Never in the database."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def checkpoint_key() -> bytes:
    """The signing key as bytes."""
    configured = getattr(settings, "ESTAMA_CHECKPOINT_KEY", "") or ""
    if configured:
        return configured.encode("utf-8")
    path = Path(settings.ESTAMA_CHECKPOINT_KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it first: use theirs
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    key = path.read_text().strip()
    if not key:
        raise ImproperlyConfigured(f"The checkpoint key file {path} is empty.")
    return key.encode("utf-8")


def checkpoint_key_id(key: bytes | None = None) -> str:
    """A short public fingerprint of the key (tells which key signed a file)."""
    return hashlib.sha256(
        b"estama-checkpoint-key:" + (key or checkpoint_key())
    ).hexdigest()[:16]


def sign(data: bytes, key: bytes | None = None) -> str:
    return hmac.new(key or checkpoint_key(), data, hashlib.sha256).hexdigest()


def signature_ok(data: bytes, signature: str, key: bytes | None = None) -> bool:
    return hmac.compare_digest(sign(data, key), signature or "")
