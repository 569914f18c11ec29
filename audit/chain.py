"""The canonical content of an audit event and its SHA-256 chain hash.

``hash = sha256(canonical(event))``; the canonical form is JSON with sorted keys, no
spaces, UTF-8, the time in UTC with microseconds, and ``before`` / ``after`` exactly as
stored (see ``normalise``). Version it (``v``) if it ever has to change.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder

CANONICAL_VERSION = 1


def normalise(value):
    """``value`` as it reads back from the JSON column (Decimals and dates become
    strings, tuples lists), so the hash written equals the hash recomputed."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def event_hash(
    *,
    seq: int,
    prev_hash: str,
    at,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    note: str,
    before,
    after,
) -> str:
    body = {
        "v": CANONICAL_VERSION,
        "seq": seq,
        "prev_hash": prev_hash,
        "at": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor": actor_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "note": note,
        "before": before,
        "after": after,
    }
    data = json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    return hashlib.sha256(data).hexdigest()
