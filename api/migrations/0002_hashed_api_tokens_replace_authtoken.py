"""Hashed, expiring API tokens replace DRF's ``authtoken`` (plaintext, eternal).

Existing DRF tokens keep working: each key is stored as its SHA-256 with the usual
expiry from now, then the plaintext table is dropped, and the app's migration records,
content types and permissions are removed (``rest_framework.authtoken`` is no longer
installed). On a database that never had the table this only creates the new one.
"""

import datetime as dt
import hashlib

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

LEGACY_TABLE = "authtoken_token"


def tokens_from_authtoken(apps, schema_editor):
    connection = schema_editor.connection
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    stale = ContentType.objects.filter(app_label="authtoken")
    Permission.objects.filter(content_type__in=stale).delete()
    stale.delete()
    if LEGACY_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("api", "ApiToken")
    now = timezone.now()
    expires = now + dt.timedelta(days=getattr(settings, "ESTAMA_TOKEN_TTL_DAYS", 30))
    table = schema_editor.quote_name(LEGACY_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {schema_editor.quote_name('key')}, user_id FROM {table}"
        )
        rows = cursor.fetchall()
    ApiToken.objects.bulk_create(
        ApiToken(
            user_id=user_id,
            name="token lama",
            digest=hashlib.sha256(key.encode()).hexdigest(),
            created_at=now,
            expires_at=expires,
        )
        for key, user_id in rows
    )
    schema_editor.execute(f"DROP TABLE {table}")
    schema_editor.execute(
        "DELETE FROM django_migrations WHERE app = %s", params=["authtoken"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
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
                (
                    "name",
                    models.CharField(
                        blank=True, max_length=64, verbose_name="nama perangkat"
                    ),
                ),
                (
                    "digest",
                    models.CharField(
                        max_length=64, unique=True, verbose_name="sidik token"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="dibuat"
                    ),
                ),
                (
                    "expires_at",
                    models.DateTimeField(db_index=True, verbose_name="kedaluwarsa"),
                ),
                (
                    "last_used_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="terakhir dipakai"
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="api_tokens",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="pengguna",
                    ),
                ),
            ],
            options={
                "verbose_name": "token API",
                "verbose_name_plural": "token API",
                "ordering": ["-created_at", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=django.db.models.lookups.Exact(
                            django.db.models.functions.text.Length("digest"), 64
                        ),
                        name="apitoken_digest_is_sha256",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("expires_at__gt", models.F("created_at"))),
                        name="apitoken_expires_after_created",
                    ),
                ],
            },
        ),
        migrations.RunPython(tokens_from_authtoken, migrations.RunPython.noop),
    ]
