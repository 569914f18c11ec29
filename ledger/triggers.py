"""Database triggers that make the ledger's invariants hold whatever writes to it: the
ORM, bulk queryset operations, the admin or raw SQL. One definition per backend.

PostgreSQL: posted entries and lines refuse UPDATE/DELETE (and lines refuse INSERT into
a posted entry) with SQLSTATE 23001 (restrict_violation); a DEFERRABLE INITIALLY
DEFERRED constraint trigger checks at commit that every posted entry has two or more
lines, balances per currency and that each line carries the entry's date (SQLSTATE
23514). Django raises IntegrityError for both.

Posting writes the lines first (their entry's id is reserved beforehand; foreign keys
are checked at commit) and then inserts the entry already posted. SQLite has no deferred
triggers, so its balance check runs when the entry is inserted as posted or when a
draft turns into ``posted``: in both cases the lines are already there. RAISE(ABORT)
also surfaces as IntegrityError.

Guards (both backends): the books' tables (lines, entries, maintained month and day
totals, counters, the audit trail and its chain head) refuse TRUNCATE on PostgreSQL (a
BEFORE TRUNCATE statement trigger; row triggers never see a TRUNCATE), and the tables
whose rows are never deleted (totals, counters, the audit chain head) refuse DELETE.
SQLite has no TRUNCATE: its ``DELETE FROM`` runs the row triggers, so the DELETE
triggers are its guard. A database superuser can still drop triggers; what they then
change is caught by ``verify_ledger`` against the signed checkpoints kept outside the
database.
"""

from django.core.exceptions import ImproperlyConfigured

UNBALANCED_SQL = """
    (SELECT COUNT(*) FROM ledger_journalline WHERE entry_id = {ref}.id) < 2
    OR EXISTS (
        SELECT 1 FROM ledger_journalline WHERE entry_id = {ref}.id
        GROUP BY amount_currency
        HAVING SUM(CASE WHEN side = 'D' THEN amount ELSE -amount END) <> 0
    )
"""
# Since migration 0004 every line carries its entry's date; a posted entry whose lines
# disagree is refused like an unbalanced one.
LINE_DATES_SQL = """
    OR EXISTS (
        SELECT 1 FROM ledger_journalline WHERE entry_id = {ref}.id
        AND (date IS NULL OR date <> {ref}.date)
    )
"""


def _unbalanced(ref: str, line_dates: bool) -> str:
    return UNBALANCED_SQL.format(ref=ref) + (
        LINE_DATES_SQL.format(ref=ref) if line_dates else ""
    )


def _postgres_create(line_dates: bool) -> list[str]:
    return [
        """
    CREATE OR REPLACE FUNCTION ledger_entry_immutable() RETURNS trigger AS $$
    BEGIN
        IF OLD.status = 'posted' THEN
            RAISE EXCEPTION 'ledger: posted entry % is immutable (% refused; post a
            reversal)',
                OLD.number, TG_OP USING ERRCODE = 'restrict_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    """,
        """
    CREATE TRIGGER ledger_entry_immutable BEFORE UPDATE OR DELETE ON ledger_journalentry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_immutable();
    """,
        """
    CREATE OR REPLACE FUNCTION ledger_line_immutable() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
            SELECT 1 FROM ledger_journalentry WHERE id = OLD.entry_id AND status =
            'posted'
        ) THEN
            RAISE EXCEPTION 'ledger: lines of posted entries are immutable (% refused)',
                TG_OP USING ERRCODE = 'restrict_violation';
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
            SELECT 1 FROM ledger_journalentry WHERE id = NEW.entry_id AND status =
            'posted'
        ) THEN
            RAISE EXCEPTION 'ledger: no line can be added to a posted entry'
                USING ERRCODE = 'restrict_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    """,
        """
    CREATE TRIGGER ledger_line_immutable
    BEFORE INSERT OR UPDATE OR DELETE ON ledger_journalline
    FOR EACH ROW EXECUTE FUNCTION ledger_line_immutable();
    """,
        f"""
    CREATE OR REPLACE FUNCTION ledger_entry_balanced() RETURNS trigger AS $$
    BEGIN
        IF NEW.status = 'posted' AND ({_unbalanced("NEW", line_dates)}) THEN
            RAISE EXCEPTION 'ledger: posted entry % is unbalanced or has < 2 lines',
                NEW.number USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql;
    """,
        """
    CREATE CONSTRAINT TRIGGER ledger_entry_balanced
    AFTER INSERT OR UPDATE ON ledger_journalentry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();
    """,
        """
    CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit: events are append-only' USING ERRCODE =
        'restrict_violation';
    END $$ LANGUAGE plpgsql;
    """,
        """
    CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
    """,
    ]


POSTGRES_CREATE = _postgres_create(line_dates=True)

POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
    "DROP TRIGGER IF EXISTS ledger_entry_balanced ON ledger_journalentry",
    "DROP FUNCTION IF EXISTS ledger_entry_balanced()",
    "DROP TRIGGER IF EXISTS ledger_line_immutable ON ledger_journalline",
    "DROP FUNCTION IF EXISTS ledger_line_immutable()",
    "DROP TRIGGER IF EXISTS ledger_entry_immutable ON ledger_journalentry",
    "DROP FUNCTION IF EXISTS ledger_entry_immutable()",
]

_POSTED = (
    "(SELECT status FROM ledger_journalentry WHERE id = {ref}.entry_id) = 'posted'"
)


def _sqlite_create(line_dates: bool) -> list[str]:
    return [
        """
    CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_journalentry
    WHEN OLD.status = 'posted'
    BEGIN SELECT RAISE(ABORT, 'ledger: posted entry cannot be changed'); END
    """,
        """
    CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_journalentry
    WHEN OLD.status = 'posted'
    BEGIN SELECT RAISE(ABORT, 'ledger: posted entry cannot be deleted'); END
    """,
        f"""
    CREATE TRIGGER ledger_line_no_insert BEFORE INSERT ON ledger_journalline
    WHEN {_POSTED.format(ref="NEW")}
    BEGIN SELECT RAISE(ABORT, 'ledger: no line can be added to a posted entry'); END
    """,
        f"""
    CREATE TRIGGER ledger_line_no_update BEFORE UPDATE ON ledger_journalline
    WHEN {_POSTED.format(ref="OLD")} OR {_POSTED.format(ref="NEW")}
    BEGIN SELECT RAISE(ABORT, 'ledger: lines of posted entries cannot be changed'); END
    """,
        f"""
    CREATE TRIGGER ledger_line_no_delete BEFORE DELETE ON ledger_journalline
    WHEN {_POSTED.format(ref="OLD")}
    BEGIN SELECT RAISE(ABORT, 'ledger: lines of posted entries cannot be deleted'); END
    """,
        f"""
    CREATE TRIGGER ledger_entry_balanced_on_post BEFORE UPDATE ON ledger_journalentry
    WHEN NEW.status = 'posted' AND ({_unbalanced("NEW", line_dates)})
    BEGIN SELECT RAISE(ABORT, 'ledger: posted entry is unbalanced or has < 2 lines');
    END
    """,
        f"""
    CREATE TRIGGER ledger_entry_balanced_on_insert AFTER INSERT ON ledger_journalentry
    WHEN NEW.status = 'posted' AND ({_unbalanced("NEW", line_dates)})
    BEGIN SELECT RAISE(ABORT, 'ledger: posted entry is unbalanced or has < 2 lines');
    END
    """,
        """
    CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit: events are append-only'); END
    """,
        """
    CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit: events are append-only'); END
    """,
    ]


SQLITE_CREATE = _sqlite_create(line_dates=True)

SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "ledger_entry_no_update",
        "ledger_entry_no_delete",
        "ledger_line_no_insert",
        "ledger_line_no_update",
        "ledger_line_no_delete",
        "ledger_entry_balanced_on_post",
        "ledger_entry_balanced_on_insert",
        "audit_event_no_update",
        "audit_event_no_delete",
    )
]


# --- Guards: no TRUNCATE of the books; no DELETE of rows that are never deleted
# --------------------------------------------------------------------------------------

NO_TRUNCATE_TABLES = (
    "ledger_journalline",
    "ledger_journalentry",
    "ledger_accountperiodtotal",
    "ledger_accountdaytotal",
    "ledger_sequence",
    "audit_auditevent",
    "audit_auditchainhead",
)
NO_DELETE_TABLES = (
    "ledger_accountperiodtotal",
    "ledger_accountdaytotal",
    "ledger_sequence",
    "audit_auditchainhead",
)

POSTGRES_GUARDS_CREATE = [
    """
    CREATE OR REPLACE FUNCTION estama_refuse_truncate() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'estama: % cannot be truncated (the books are append-only)',
            TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
    END $$ LANGUAGE plpgsql;
    """,
    """
    CREATE OR REPLACE FUNCTION estama_refuse_delete() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'estama: rows of % are never deleted', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END $$ LANGUAGE plpgsql;
    """,
    *(
        f"CREATE TRIGGER estama_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION estama_refuse_truncate()"
        for table in NO_TRUNCATE_TABLES
    ),
    *(
        f"CREATE TRIGGER estama_no_delete BEFORE DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION estama_refuse_delete()"
        for table in NO_DELETE_TABLES
    ),
]
POSTGRES_GUARDS_DROP = [
    *(f"DROP TRIGGER IF EXISTS estama_no_delete ON {t}" for t in NO_DELETE_TABLES),
    *(f"DROP TRIGGER IF EXISTS estama_no_truncate ON {t}" for t in NO_TRUNCATE_TABLES),
    "DROP FUNCTION IF EXISTS estama_refuse_delete()",
    "DROP FUNCTION IF EXISTS estama_refuse_truncate()",
]
SQLITE_GUARDS_CREATE = [
    f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
    f"BEGIN SELECT RAISE(ABORT, 'estama: rows of {table} are never deleted'); END"
    for table in NO_DELETE_TABLES
]
SQLITE_GUARDS_DROP = [
    f"DROP TRIGGER IF EXISTS {table}_no_delete" for table in NO_DELETE_TABLES
]


def row_statements(vendor: str, *, create: bool, line_dates: bool = True) -> list[str]:
    """The row triggers (without the guards). ``line_dates=False`` gives the version
    from before lines carried their entry's date (migrations 0003 and 0004 install that
    one: SQLite refuses a trigger naming a column that does not exist yet)."""
    if vendor == "postgresql":
        return _postgres_create(line_dates) if create else POSTGRES_DROP
    if vendor == "sqlite":
        return _sqlite_create(line_dates) if create else SQLITE_DROP
    raise ImproperlyConfigured(
        f"Estama's ledger triggers support SQLite and PostgreSQL, not {vendor}."
    )


def guard_statements(
    vendor: str, *, create: bool, day_totals: bool = True
) -> list[str]:
    """The guards. ``day_totals=False`` leaves out the day totals' table, for the
    migration that runs before that table exists (0004)."""
    if vendor == "postgresql":
        found = POSTGRES_GUARDS_CREATE if create else POSTGRES_GUARDS_DROP
    elif vendor == "sqlite":
        found = SQLITE_GUARDS_CREATE if create else SQLITE_GUARDS_DROP
    else:
        raise ImproperlyConfigured(
            f"Estama's ledger triggers support SQLite and PostgreSQL, not {vendor}."
        )
    if day_totals:
        return list(found)
    return [sql for sql in found if "ledger_accountdaytotal" not in sql]


def statements(vendor: str, *, create: bool, line_dates: bool = True) -> list[str]:
    """Every trigger: the row triggers and the guards."""
    if create:
        return row_statements(
            vendor, create=True, line_dates=line_dates
        ) + guard_statements(vendor, create=True)
    return guard_statements(vendor, create=False) + row_statements(vendor, create=False)


def install_rows(connection, *, line_dates: bool = True) -> None:
    """The row triggers only (the guards' tables may not exist yet)."""
    with connection.cursor() as cursor:
        for sql in row_statements(
            connection.vendor, create=True, line_dates=line_dates
        ):
            cursor.execute(sql)


def install(connection, *, line_dates: bool = True) -> None:
    with connection.cursor() as cursor:
        for sql in statements(connection.vendor, create=True, line_dates=line_dates):
            cursor.execute(sql)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for sql in statements(connection.vendor, create=False):
            cursor.execute(sql)
