"""Members' capital is what members paid (issue 12).

1. ``OpenItem.unaccrual_entry``: the entry that took an old item's unpaid simpanan off
   capital.
2. The accounts the members app adds (2-1210, 2-1220, 2-1230) hold member money:
   ``requires_member``.

The data (old unpaid simpanan taken off capital) moves in 0006.
"""

import django.db.models.deletion
from django.db import migrations, models


def flag_accounts(apps, schema_editor):
    from members.accounts import EXTRA_ACCOUNTS

    Account = apps.get_model("ledger", "Account")
    Account.objects.filter(code__in=[row[0] for row in EXTRA_ACCOUNTS]).update(
        requires_member=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_member_accounts"),
        ("ledger", "0006_account_requires_member"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="openitem",
            name="unaccrual_entry",
            field=models.ForeignKey(
                blank=True,
                help_text="Jurnal yang mengeluarkan sisa simpanan yang belum dibayar "
                "dari modal (tagihan lama sebelum modal dicatat saat dibayar).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="ledger.journalentry",
            ),
        ),
        migrations.RunPython(flag_accounts, migrations.RunPython.noop),
    ]
