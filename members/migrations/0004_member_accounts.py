"""Add the liability accounts for member capital (2-1210, 2-1220) and member credit
(2-1230) under 2-1 (idempotent)."""

from django.db import migrations


def seed(apps, schema_editor):
    from members.accounts import member_accounts_seed

    member_accounts_seed(apps.get_model("ledger", "Account"))


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_dues_payments_shares"),
        ("ledger", "0002_seed_chart"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
