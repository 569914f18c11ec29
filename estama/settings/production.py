"""Production: PostgreSQL, Redis broker, HTTPS. Differs from base only by environment.

Required: SECRET_KEY, DATABASE_URL, CELERY_BROKER_URL, ALLOWED_HOSTS,
ESTAMA_CHECKPOINT_KEY (signs the ledger checkpoints; keep it out of the database and
its backups, e.g. ``python -c "import secrets; print(secrets.token_hex(32))"``).
"""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("SECRET_KEY")
ESTAMA_CHECKPOINT_KEY = env("ESTAMA_CHECKPOINT_KEY")
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
