"""Accounts that hold member money require a member on every line (issue 12).

Flags the seed chart's member-money accounts (``ledger.chart.MEMBER_ACCOUNT_ROLES``:
1-1310, 1-1320, 2-1200, 2-1300, 2-1400, 3-1100, 3-1200). The members app flags the
accounts it adds (2-1210, 2-1220, 2-1230) in its own migration. A trigger refuses a
line without a member on a flagged account (``ledger/member_money.py``).
"""

from django.db import migrations, models


def install(apps, schema_editor):
    from ledger.member_money import trigger_install

    trigger_install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from ledger.member_money import trigger_install

    trigger_install(schema_editor.connection, create=False)


def flag(apps, schema_editor):
    from ledger.chart import MEMBER_ACCOUNT_ROLES, account_code

    Account = apps.get_model("ledger", "Account")
    codes = [account_code(role) for role in MEMBER_ACCOUNT_ROLES]
    Account.objects.filter(code__in=codes).update(requires_member=True)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0005_verification_runs")]

    operations = [
        migrations.AddField(
            model_name="account",
            name="requires_member",
            field=models.BooleanField(
                default=False,
                help_text="Uang anggota: setiap baris pada akun ini harus menyebut "
                "anggotanya.",
                verbose_name="wajib menyebut anggota",
            ),
        ),
        migrations.RunPython(flag, migrations.RunPython.noop),
        migrations.RunPython(install, uninstall),
    ]
