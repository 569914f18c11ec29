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
FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
# PostgreSQL's spelling of FORMAT for a timestamptz column; the verifier reads the
# time as this text (several times cheaper than building aware datetimes).
UTC_TEXT_SQL = (
    "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
)


def utc_column(name: str):
    """``name`` read as canonical UTC text on PostgreSQL; the plain column (an aware
    datetime, formatted in Python) elsewhere."""
    from django.db import connection
    from django.db.models import CharField, Func

    if connection.vendor != "postgresql":
        return name
    return Func(name, template=UTC_TEXT_SQL, output_field=CharField())


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
        "at": at if isinstance(at, str) else at.astimezone(UTC).strftime(FORMAT),
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
