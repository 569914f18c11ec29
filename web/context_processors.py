"""Template context for every page.

``ledger_verification``: for the treasurer and the auditor, the latest ledger
verification run when it FAILED (None otherwise), read lazily: only pages that include
``web/_verification_banner.html`` pay its one query.
"""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from estama.roles import Role, user_role
from ledger.integrity import verification_latest

_STAFF = frozenset({Role.TREASURER, Role.AUDITOR})


def _failed_run(request):
    if user_role(getattr(request, "user", None)) not in _STAFF:
        return None
    run = verification_latest()
    return run if run is not None and not run.ok else None


def ledger_verification(request) -> dict:
    return {"ledger_verification": SimpleLazyObject(lambda: _failed_run(request))}
