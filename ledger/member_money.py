"""Member money stays per member: the posting check behind ``member_required``.

An account flagged ``requires_member`` in the chart (simpanan pokok, wajib and
sukarela, member receivables 1-1310/1-1320, member credit, refunds owed 2-1300, SHU
owed 2-1400, and the liability twins of pokok/wajib) holds money that belongs to one
member. Every line on it must name that member, whoever posts it (services, the
manual journal API, the admin): otherwise members' balances would no longer add up to
the account and no statement could show where the money is. ``verify_ledger`` checks
the same from the other side (members' lines sum to the account's total).
"""

from __future__ import annotations

from collections.abc import Iterable

from ledger.errors import MemberRequired


def member_lines_check(lines: Iterable) -> None:
    """Refuse lines on a ``requires_member`` account that name no member.

    Args:
        lines: resolved lines (``account`` an Account, ``member`` or None), in the
            order the caller gave them, so errors are keyed ``lines.<index>.member``.

    Raises:
        MemberRequired: with every offending line listed.
    """
    errors = {
        f"lines.{index}.member": [
            f"{line.account.code} holds member money: name the member."
        ]
        for index, line in enumerate(lines)
        if line.account.requires_member and line.member is None
    }
    if errors:
        raise MemberRequired(
            "Baris pada akun uang anggota harus menyebut anggotanya.", errors=errors
        )


#: The same rule in the database, whatever writes the line (raw SQL included):
#: (create, drop) statements per backend, installed by migration 0004.
TRIGGER_SQL = {
    "postgresql": (
        [
            """
            CREATE OR REPLACE FUNCTION ledger_line_member_required() RETURNS trigger
            AS $$
            BEGIN
                IF NEW.member_id IS NULL AND EXISTS (
                    SELECT 1 FROM ledger_account
                    WHERE id = NEW.account_id AND requires_member
                ) THEN
                    RAISE EXCEPTION 'ledger: member-money line without a member'
                        USING ERRCODE = 'not_null_violation';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            """,
            """
            CREATE TRIGGER ledger_line_member_required
            BEFORE INSERT OR UPDATE ON ledger_journalline
            FOR EACH ROW EXECUTE FUNCTION ledger_line_member_required();
            """,
        ],
        [
            "DROP TRIGGER IF EXISTS ledger_line_member_required ON ledger_journalline",
            "DROP FUNCTION IF EXISTS ledger_line_member_required()",
        ],
    ),
    "sqlite": (
        [
            """
            CREATE TRIGGER ledger_line_member_required
            BEFORE INSERT ON ledger_journalline
            WHEN NEW.member_id IS NULL AND (
                SELECT requires_member FROM ledger_account WHERE id = NEW.account_id
            )
            BEGIN SELECT RAISE(ABORT, 'ledger: member-money line without a member');
            END
            """,
        ],
        ["DROP TRIGGER IF EXISTS ledger_line_member_required"],
    ),
}


def trigger_install(connection, *, create: bool = True) -> None:
    """Install (or with ``create=False`` drop) the trigger on ``connection``."""
    statements = TRIGGER_SQL[connection.vendor][0 if create else 1]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
