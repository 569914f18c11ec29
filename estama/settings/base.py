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

import datetime as dt

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from .paths import BASE_DIR, VAR_DIR

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
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_celery_results",
    "djmoney",
    "axes",
    "estama.security",
    "audit",
    "jobs",
    "ledger",
    "members",
    "sales",
    "reports",
    "imports",
    "bank",
    "api",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "api.limits.BodyLimitMiddleware",
    "estama.security.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its answer.
    "axes.middleware.AxesMiddleware",
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
                "web.context_processors.ledger_verification",
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

# --- Cache ----------------------------------------------------------------------------
# API throttle counters, background jobs' progress and the SHU preview. Per process by
# default; in production point CACHE_URL at Redis (redis://127.0.0.1:6379/1) so every
# web process and the Celery worker share them.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://estama")}

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
# The lockout check runs before any password is checked (estama/security/).
AUTHENTICATION_BACKENDS = [
    "estama.security.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Brute-force lockout (django-axes) ---------------------------------------------
# After ESTAMA_LOCKOUT_FAILURES failed logins, that username from that address
# (ESTAMA_LOCKOUT_BY) is refused, right password included, for ESTAMA_LOCKOUT_MINUTES
# after the last counted failure. Applies to /login/, /admin/login/ and the API's
# POST /api/v1/auth/token/.
ESTAMA_LOCKOUT_FAILURES = env.int("ESTAMA_LOCKOUT_FAILURES", default=5)
ESTAMA_LOCKOUT_MINUTES = env.int("ESTAMA_LOCKOUT_MINUTES", default=30)
# "username_and_ip" (one member cannot lock out the office), "username_or_ip",
# "username" or "ip".
ESTAMA_LOCKOUT_BY = env("ESTAMA_LOCKOUT_BY", default="username_and_ip")
# Reverse proxies in front of Django that append to X-Forwarded-For (0: none, the
# client address is REMOTE_ADDR). Used by the lockout and the API throttles alike.
ESTAMA_PROXY_COUNT = env.int("ESTAMA_PROXY_COUNT", default=0)
AXES_FAILURE_LIMIT = ESTAMA_LOCKOUT_FAILURES
AXES_COOLOFF_TIME = dt.timedelta(minutes=ESTAMA_LOCKOUT_MINUTES)
_LOCKOUT_PARAMETERS = {
    "username_and_ip": [["username", "ip_address"]],
    "username_or_ip": ["username", "ip_address"],
    "username": ["username"],
    "ip": ["ip_address"],
}
if ESTAMA_LOCKOUT_BY not in _LOCKOUT_PARAMETERS:
    raise ImproperlyConfigured(
        f"ESTAMA_LOCKOUT_BY must be one of {', '.join(_LOCKOUT_PARAMETERS)}."
    )
AXES_LOCKOUT_PARAMETERS = _LOCKOUT_PARAMETERS[ESTAMA_LOCKOUT_BY]
# A refused attempt during a lockout does not extend it: the wait shown is the wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "estama.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "estama.security.network.client_ip"
# Successful logins are in the audit trail; axes keeps only the failure counters.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# No axes pages in the admin (every admin write is the treasurer's, through our own
# admins); lift a lockout early with `manage.py axes_reset_username <username>`.
AXES_ENABLE_ADMIN = False

# --- API tokens -----------------------------------------------------------------------
# A token from POST /api/v1/auth/token/ works for this many days (or until logout,
# revocation, a password change or deactivation of its user).
ESTAMA_TOKEN_TTL_DAYS = env.int("ESTAMA_TOKEN_TTL_DAYS", default=30)

# --- Content-Security-Policy ----------------------------------------------------------
# Sent on every response (estama/security/csp.py). Pages have no inline script or
# style; the API docs load Swagger UI from our own static files.
ESTAMA_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
ESTAMA_CSP_REPORT_ONLY = env.bool("ESTAMA_CSP_REPORT_ONLY", default=False)

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
        "api.tokens.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsAuthenticatedRole"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "api.limits.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Rates per address (anon), per user, and per address on the token endpoint.
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonThrottle",
        "api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("ESTAMA_API_THROTTLE_ANON", default="60/minute"),
        "user": env("ESTAMA_API_THROTTLE_USER", default="600/minute"),
        "login": env("ESTAMA_API_THROTTLE_LOGIN", default="10/minute"),
    },
    # 0, not None: DRF would otherwise trust any X-Forwarded-For a client sends.
    "NUM_PROXIES": ESTAMA_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Estama API",
    "DESCRIPTION": "Books of a member-owned social enterprise (IDR, double entry).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and ReDoc from drf-spectacular-sidecar's static files (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
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
        "ImportKindEnum": "imports.models.ImportKind",
        "ImportJobStatusEnum": "imports.models.JobStatus",
        "ImportRowActionEnum": "imports.results.RowAction",
        "BankRuleDirectionEnum": "bank.models.accounts.RuleDirection",
        "ShareDirectionEnum": "members.models.shares.ShareDirection",
        "BankLineStatusEnum": "bank.models.lines.LineStatus",
        "MemberPaymentMethodEnum": "members.models.payments.PaymentMethod",
        "InvoicePaymentMethodEnum": "sales.models.payments.PaymentMethod",
    },
}

# --- Celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Task outcomes are kept in the database (django-celery-results) and listed on the
# "Riwayat tugas" page; eager runs (no broker) are recorded too.
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="django-db")
CELERY_RESULT_EXTENDED = True
CELERY_TASK_STORE_EAGER_RESULT = True
CELERY_RESULT_EXPIRES = dt.timedelta(days=90)
# Schedules live in the database (django-celery-beat), editable in the admin; the
# entries of CELERY_BEAT_SCHEDULE below are written there when beat starts.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# Money-moving tasks are acknowledged only after they finish (a worker killed mid-way
# leaves the message to be delivered again; the tasks are idempotent), and each
# worker reserves one task at a time so a kill strands at most that one.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers a task that was taken but never acknowledged after this many
# seconds. It must exceed the longest task (a dues run for every member takes seconds;
# the full nightly verification of 1M entries about a minute) or a slow task would
# run twice (harmless, they are idempotent, but wasteful); Redis's own default is one
# hour, so a killed dues run would wait that long.
# A running worker sweeps for such messages every ``unacked_restore_interval`` seconds
# (one cheap Redis query; kombu's default would sweep only every 100 s), and a worker
# that starts sweeps at once.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("ESTAMA_TASK_VISIBILITY_TIMEOUT", default=600),
    "unacked_restore_interval": 30,
    "unacked_restore_throttle": 1,
}
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
    # Tampering must not stay quiet: every night verify what was added since the last
    # verified checkpoint and write a new signed checkpoint...
    "ledger-verify-nightly": {
        "task": "ledger.verify_nightly",
        "schedule": crontab(minute=30, hour=1),
    },
    # ...and once a week verify everything from the first entry.
    "ledger-verify-weekly-full": {
        "task": "ledger.verify_nightly",
        "schedule": crontab(minute=30, hour=2, day_of_week=0),
        "kwargs": {"full": True},
    },
}

# --- Logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # django-axes logs every login at INFO; lockouts and failures stay (WARNING).
    "loggers": {"axes": {"level": env("AXES_LOG_LEVEL", default="WARNING")}},
}

# --- Web pages ------------------------------------------------------------------------
# The site's own login (the admin keeps /admin/login/); page assets live in static/
# (no CDN: nothing is fetched from the network at run time).
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"
STATICFILES_DIRS = [BASE_DIR / "static"]

from .domain import *  # noqa: E402, F403  (the ESTAMA_* settings)
