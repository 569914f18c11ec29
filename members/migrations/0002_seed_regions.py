"""Seed the 38 kabupaten/kota of Jawa Timur with their BPS codes (idempotent)."""

from django.db import migrations


def seed(apps, schema_editor):
    from members.regions import regions_seed

    regions_seed(apps.get_model("members", "Region"))


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
