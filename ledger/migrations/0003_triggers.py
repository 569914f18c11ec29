"""Install the ledger's and the audit trail's protective triggers (ledger/triggers.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from ledger import triggers

    # As they were before lines carried dates (0004 installs the current ones).
    triggers.install(schema_editor.connection, line_dates=False)


def uninstall(apps, schema_editor):
    from ledger import triggers

    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_seed_chart"), ("audit", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
