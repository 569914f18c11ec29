"""Test settings: like local, with a fast password hasher.

The database comes from DATABASE_URL (SQLite by default)."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
# A fixed key; each test gets its own checkpoint directory (tests/conftest.py).
ESTAMA_CHECKPOINT_KEY = "test-checkpoint-key-not-secret"
# The suite makes thousands of API requests from one address within minutes; the
# throttle tests set small rates themselves. The lockout stays as in production.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        "anon": "100000/minute",
        "user": "100000/minute",
        "login": "100000/minute",
    },
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "estama.testing.sqlite_backend"  # noqa: F405
else:
    # Flush (TRUNCATE) lifts the books' TRUNCATE guards for the test suite only.
    DATABASES["default"]["ENGINE"] = "estama.testing.postgres_backend"  # noqa: F405
    # Threads in tests (concurrency tests, the Celery worker) close their connections
    # at the end of each request/task, so the test database can be dropped afterwards.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
