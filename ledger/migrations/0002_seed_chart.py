"""Seed the chart of accounts of DOMAIN.md (idempotent)."""

from django.db import migrations


def seed(apps, schema_editor):
    from ledger.chart import chart_seed

    chart_seed(apps.get_model("ledger", "Account"))


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
