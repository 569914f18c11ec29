"""Base settings. Every value comes from the environment with a safe local default.

Environment variables:
    DATABASE_URL        default ``sqlite:///<repo>/var/estama.sqlite3``
    CELERY_BROKER_URL   default empty: tasks run eagerly in-process
    SECRET_KEY, DEBUG, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS
    EMAIL_URL           default ``consolemail://`` (prints mail to the console)
    DEFAULT_FROM_EMAIL
    CACHE_URL           default ``locmemcache://`` (per process); ``redis://`` shares
    ESTAMA_*            domain settings (see the bottom of this file)
"""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="insecure-local-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "djmoney",
    "audit",
    "ledger",
    "members",
    "sales",
    "reports",
    "api",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "api.limits.BodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "estama.urls"
WSGI_APPLICATION = "estama.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'estama.sqlite3'}"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE transactions take the write
    # lock at BEGIN, so concurrent writers queue instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_NAME", default=None)}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (the members' SHU split per year and ledger version): per process by default;
# CACHE_URL=redis://host:6379/1 shares it between the workers of a deployment.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://estama")}

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/admin/login/"

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "media/"

# --- Email ----------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Estama <bendahara@estama.local>"
)

# --- Money ----------------------------------------------------------------------------
# The currencies Estama books in and their precision live in ledger/currency.py.
DEFAULT_CURRENCY = "IDR"
CURRENCIES = ("IDR",)

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsAuthenticatedRole"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "api.limits.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Estama API",
    "DESCRIPTION": "Books of a member-owned social enterprise (IDR, double entry).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # One stable, descriptive name per choice set (several models have a "kind").
    "ENUM_NAME_OVERRIDES": {
        "RegionKindEnum": "members.models.regions.RegionKind",
        "DuesKindEnum": "members.models.dues.DuesKind",
        "OpenItemKindEnum": "members.models.dues.ItemKind",
        "OpenItemStatusEnum": "members.models.dues.ItemStatus",
        "LeftReasonEnum": "members.models.members.LeftReason",
        "MemberStatusEnum": "members.models.members.MemberStatus",
        "SalesItemKindEnum": "sales.models.catalog.ItemKind",
        "TaxCodeEnum": "sales.models.catalog.TaxCode",
        "ShuPartKindEnum": "reports.models.ShuPartKind",
        "AccountTypeEnum": "ledger.models.accounts.AccountType",
        "EntrySourceEnum": "ledger.models.entries.EntrySource",
        "EntryStatusEnum": "ledger.models.entries.EntryStatus",
    },
}

# --- Celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_BEAT_SCHEDULE = {
    # Dues and simpanan wajib of the new month, on its first day.
    "members-issue-dues-monthly": {
        "task": "members.tasks.dues_issue_current_period",
        "schedule": crontab(minute=5, hour=0, day_of_month=1),
    },
    # Reminders to members in arrears (at most once per member per period).
    "members-arrears-reminders": {
        "task": "members.tasks.arrears_reminders_send",
        "schedule": crontab(minute=0, hour=8, day_of_month=10),
    },
    # Tampering must not stay quiet: verify the whole ledger every night.
    "ledger-verify-nightly": {
        "task": "ledger.verify_nightly",
        "schedule": crontab(minute=30, hour=1),
    },
}

# --- Logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Web pages ------------------------------------------------------------------------
# The site's own login (the admin keeps /admin/login/); page assets live in static/
# (no CDN: nothing is fetched from the network at run time).
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"
STATICFILES_DIRS = [BASE_DIR / "static"]

# --- Estama domain settings -----------------------------------------------------------
# Rounding of computed rupiah amounts (tax): "half_up" (PER-11/PJ/2025) or "down".
ESTAMA_ROUNDING = env("ESTAMA_ROUNDING", default="half_up")
# Prefix of journal entry numbers: JU-2026-000123.
ESTAMA_ENTRY_PREFIX = env("ESTAMA_ENTRY_PREFIX", default="JU")
# How far ahead an entry may be dated: up to 31 December of the year this many years
# after today's (1 = end of next year). Later dates are refused with invalid_date.
ESTAMA_ENTRY_DATE_YEARS_AHEAD = env.int("ESTAMA_ENTRY_DATE_YEARS_AHEAD", default=1)

# Members. Simpanan pokok: one amount for every member, billed on activation.
ESTAMA_POKOK_AMOUNT = env.int("ESTAMA_POKOK_AMOUNT", default=100000)
# SAK EP: post pokok and wajib to liabilities 2-1210/2-1220 instead of equity.
ESTAMA_MEMBER_CAPITAL_AS_LIABILITY = env.bool(
    "ESTAMA_MEMBER_CAPITAL_AS_LIABILITY", default=False
)
# Overpayments: "credit" (held as Titipan Anggota 2-1230) or "sukarela" (2-1200).
ESTAMA_OVERPAYMENT_TO = env("ESTAMA_OVERPAYMENT_TO", default="credit")
# Due day of a monthly period (1-28); empty = the last day of the period.
ESTAMA_DUE_DAY = env("ESTAMA_DUE_DAY", default="")
# Prefix of member numbers: JTM-00001.
ESTAMA_MEMBER_NUMBER_PREFIX = env("ESTAMA_MEMBER_NUMBER_PREFIX", default="JTM")
# Prefix of receipt (kuitansi) numbers: KW-2026-00001.
ESTAMA_RECEIPT_PREFIX = env("ESTAMA_RECEIPT_PREFIX", default="KW")
# Password of the demo users created by seed_demo (default: estama-demo).
ESTAMA_PASSWORD = env("ESTAMA_PASSWORD", default="")

# SHU. Whether simpanan sukarela counts as members' capital in the SHU capital share.
ESTAMA_SHU_SUKARELA_AS_CAPITAL = env.bool(
    "ESTAMA_SHU_SUKARELA_AS_CAPITAL", default=False
)
# SHU eligibility: only those who are members on 31 December share in that year's SHU
# (a member who left earlier leaves both the numerator and the denominator).
ESTAMA_SHU_MEMBERS_AT_YEAR_END = env.bool(
    "ESTAMA_SHU_MEMBERS_AT_YEAR_END", default=True
)
# Where members' SHU is paid: "cash" (cash or bank, per pay-out) or "sukarela".
ESTAMA_SHU_PAYOUT_TO = env("ESTAMA_SHU_PAYOUT_TO", default="cash")

# Sales: allow issuing goods beyond the stock on hand (negative stock).
ESTAMA_ALLOW_NEGATIVE_STOCK = env.bool("ESTAMA_ALLOW_NEGATIVE_STOCK", default=False)
# Number prefixes of sales invoices (INV-2026-00001) and their payment receipts.
ESTAMA_INVOICE_PREFIX = env("ESTAMA_INVOICE_PREFIX", default="INV")
ESTAMA_SALES_RECEIPT_PREFIX = env("ESTAMA_SALES_RECEIPT_PREFIX", default="KWJ")

# API request limits (api/limits.py): larger bodies answer 413 request_too_large,
# deeper JSON 400 invalid_json.
ESTAMA_API_MAX_BODY_BYTES = env.int("ESTAMA_API_MAX_BODY_BYTES", default=5 * 2**20)
ESTAMA_API_MAX_JSON_DEPTH = env.int("ESTAMA_API_MAX_JSON_DEPTH", default=32)

# Organisation: letterheads of receipts, invoices, statements and exports, and the
# signature block of financial statements (Ketua, Bendahara, Pengawas).
ESTAMA_ORG_NAME = env("ESTAMA_ORG_NAME", default="Estama — DPD IPSPI Jawa Timur")
ESTAMA_ORG_LEGAL_NUMBER = env("ESTAMA_ORG_LEGAL_NUMBER", default="")
ESTAMA_ORG_ADDRESS = env("ESTAMA_ORG_ADDRESS", default="")
ESTAMA_ORG_CITY = env("ESTAMA_ORG_CITY", default="Surabaya")
ESTAMA_ORG_CHAIR = env("ESTAMA_ORG_CHAIR", default="")
ESTAMA_ORG_TREASURER = env("ESTAMA_ORG_TREASURER", default="")
ESTAMA_ORG_SUPERVISOR = env("ESTAMA_ORG_SUPERVISOR", default="")
