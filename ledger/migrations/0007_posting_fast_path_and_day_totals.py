"""Posting fast path and flat reads.

- ``JournalLine.date``: the entry's date on each line, so an account's ledger is one
  index range (``line_account_ledger``) read by key;
- ``AccountDayTotal``: per-account, per-day totals next to the monthly ones, so a
  balance as of any date reads totals only;
- ``Sequence.head_hash``: the hash at the chain counter's position, read in the same
  statement that takes the next position.

Existing rows are filled in (line dates from their entries, day totals from posted
lines, the chain head from the last posted entry). The ledger triggers are dropped
first and installed again last: the new ones check line dates, and SQLite validates
trigger bodies when a table they read is altered.
"""

import django.db.models.deletion
from django.db import migrations, models


def drop_triggers(apps, schema_editor):
    from ledger import triggers

    triggers.uninstall(schema_editor.connection)


def install_triggers(apps, schema_editor):
    from ledger import triggers

    triggers.install(schema_editor.connection)


def backfill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE ledger_journalline SET date = (SELECT e.date FROM "
            "ledger_journalentry e WHERE e.id = ledger_journalline.entry_id)"
        )
        cursor.execute(
            "INSERT INTO ledger_accountdaytotal "
            "(account_id, date, currency, debit, credit) "
            "SELECT l.account_id, e.date, l.amount_currency, "
            "SUM(CASE WHEN l.side = 'D' THEN l.amount ELSE 0 END), "
            "SUM(CASE WHEN l.side = 'C' THEN l.amount ELSE 0 END) "
            "FROM ledger_journalline l JOIN ledger_journalentry e ON e.id = l.entry_id "
            "WHERE e.status = 'posted' "
            "GROUP BY l.account_id, e.date, l.amount_currency"
        )
        cursor.execute(
            "UPDATE ledger_sequence SET head_hash = COALESCE((SELECT hash FROM "
            "ledger_journalentry WHERE chain_seq = ledger_sequence.last_value), '') "
            "WHERE key = 'ledger:chain'"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0006_account_requires_member"),
        ("members", "0004_member_accounts"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, install_triggers),
        migrations.CreateModel(
            name="AccountDayTotal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("date", models.DateField()),
                ("currency", models.CharField(max_length=3)),
                ("debit", models.DecimalField(decimal_places=2, max_digits=24)),
                ("credit", models.DecimalField(decimal_places=2, max_digits=24)),
            ],
        ),
        migrations.AddField(
            model_name="journalline",
            name="date",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="sequence",
            name="head_hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddIndex(
            model_name="journalline",
            index=models.Index(
                fields=["account", "date", "entry", "id"], name="line_account_ledger"
            ),
        ),
        migrations.AddField(
            model_name="accountdaytotal",
            name="account",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="day_totals",
                to="ledger.account",
            ),
        ),
        migrations.AddIndex(
            model_name="accountdaytotal",
            index=models.Index(fields=["date"], name="adt_date"),
        ),
        migrations.AddConstraint(
            model_name="accountdaytotal",
            constraint=models.UniqueConstraint(
                fields=("account", "date", "currency"), name="account_day_total_unique"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, drop_triggers),
    ]
