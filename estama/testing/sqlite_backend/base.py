"""SQLite backend for the test suite only.

Transactional tests end with a flush (``DELETE FROM`` every table on SQLite). The
ledger's
triggers rightly refuse to delete posted entries, so this backend's flush drops them
first
and installs them again afterwards. PostgreSQL needs nothing: its flush is TRUNCATE,
which
row triggers do not see.
"""

from django.db.backends.sqlite3 import base, operations

from ledger import triggers


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not statements:
            return statements
        return [
            *triggers.statements("sqlite", create=False),
            *statements,
            *triggers.statements("sqlite", create=True),
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
