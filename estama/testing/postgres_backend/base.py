"""PostgreSQL backend for the test suite only.

Transactional tests end with a flush, which on PostgreSQL is one TRUNCATE of every
table. The books' guards rightly refuse TRUNCATE, so this backend's flush drops the
guards first and installs them again afterwards (like the SQLite test backend does
with its DELETE triggers).
"""

from django.db.backends.postgresql import base, operations

from ledger import triggers


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not statements:
            return statements
        return [
            *triggers.guard_statements("postgresql", create=False),
            *statements,
            *triggers.guard_statements("postgresql", create=True),
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
