"""Minimal Django settings to run django-hordak 2.0 for the benchmark (its own
virtualenv, its own database; nothing of Estama is imported)."""

import os

SECRET_KEY = "bench-only-not-a-secret"
DEBUG = False
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "mptt",
    "djmoney",
    "hordak",
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("HORDAK_DB", "estama_bench_hordak"),
        "USER": os.environ.get("HORDAK_DB_USER", "postgres"),
        "HOST": os.environ.get("HORDAK_DB_HOST", "127.0.0.1"),
        "PORT": os.environ.get("HORDAK_DB_PORT", "5432"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DEFAULT_CURRENCY = "IDR"
CURRENCIES = ["IDR"]
HORDAK_CURRENCIES = ["IDR"]
HORDAK_DEFAULT_CURRENCY = "IDR"
