"""Install the ledger's and the audit trail's protective triggers (ledger/triggers.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from ledger import triggers

    # The row triggers as they were before lines carried dates; 0004 adds the guards
    # and 0007 installs the current triggers.
    triggers.install_rows(schema_editor.connection, line_dates=False)


def uninstall(apps, schema_editor):
    from ledger import triggers

    with schema_editor.connection.cursor() as cursor:
        for sql in triggers.row_statements(
            schema_editor.connection.vendor, create=False
        ):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_seed_chart"), ("audit", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
