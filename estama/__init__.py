"""Estama: the books of a member-owned social enterprise.

Module map (domain apps never import ``api``):

- ``estama/``   settings (split by environment), root URLs, the Celery app.
- ``ledger/``   chart of accounts, journal entries, posting, reversal, periods,
  balances,
                tamper-evident hash chain and ``verify_ledger``.
- ``members/``  members, regions, simpanan (shares), dues, payments, resignations.
- ``audit/``    the audit trail: who did what, when, before and after.
- ``api/``      the REST interface (DRF): serializers, views, error codes, idempotency.
"""

from .celery import app as celery_app

__all__ = ("celery_app",)
