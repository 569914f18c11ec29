"""Guard the books against TRUNCATE (PostgreSQL) and against DELETE of totals,
counters and the audit chain head (both backends), and reinstall every row trigger
(rebuilding audit_auditevent in audit 0002 drops SQLite's triggers on it)."""

from django.db import migrations


def install(apps, schema_editor):
    from ledger import triggers

    connection = schema_editor.connection
    triggers.uninstall(connection)
    # As they stood then: lines without dates, no day totals yet (0007 adds both).
    triggers.install_rows(connection, line_dates=False)
    with connection.cursor() as cursor:
        for sql in triggers.guard_statements(
            connection.vendor, create=True, day_totals=False
        ):
            cursor.execute(sql)


def uninstall(apps, schema_editor):
    from ledger import triggers

    with schema_editor.connection.cursor() as cursor:
        for sql in triggers.guard_statements(
            schema_editor.connection.vendor, create=False
        ):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_triggers"), ("audit", "0002_chain_events")]
    operations = [migrations.RunPython(install, uninstall)]
