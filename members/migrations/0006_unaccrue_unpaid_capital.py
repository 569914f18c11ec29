"""Simpanan pokok/wajib billed the old way (posted as capital when billed) and still
unpaid is reclassified through the ledger service: Dr capital / Cr 1-1310 per item,
both naming the member (posted entries are never edited), dated the day the migration
runs. ``verify_ledger`` stays green: per member, 1-1310 equals the outstanding of
accrued (iuran) items. See ``members/services/capital.py``.

This uses the current models through the service (the ledger has hashes, counters and
totals that only the service maintains); it changes nothing on a database without such
items. It fails with ``PeriodLocked`` when today's month is locked: unlock the month,
migrate, lock it again. Its own migration, so no schema change shares its transaction.
"""

from django.db import migrations


def unaccrue(apps, schema_editor):
    from members.services.capital import unpaid_capital_unaccrue

    unpaid_capital_unaccrue()


class Migration(migrations.Migration):
    dependencies = [("members", "0005_capital_follows_cash")]

    operations = [migrations.RunPython(unaccrue, migrations.RunPython.noop)]
