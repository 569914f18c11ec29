"""Drop ``Purchase.pay_entry`` once 0003 carried it into supplier payments (a
separate migration so PostgreSQL alters the table outside the data step)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sales", "0003_supplier_payments"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="purchase",
            name="pay_entry",
        ),
    ]
