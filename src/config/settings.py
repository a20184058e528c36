"""kimitsu settings: everything comes from the environment (KIMITSU_*, DATABASE_URL).

The zero-config default is a local SQLite file in WAL mode under ./var, with the task queue in a
SQLite file beside it; KIMITSU_DEBUG turns Django's debug pages on (the default outside production;
bin/serve turns it off). Production (KIMITSU_ENV=production) refuses to start without a real
secret key.
"""

import os
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path.cwd()

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(str(env_file))

KIMITSU_ENV = env.str("KIMITSU_ENV", default="development")
PRODUCTION = KIMITSU_ENV == "production"
DEBUG = env.bool("KIMITSU_DEBUG", default=not PRODUCTION)

DATA_DIR = Path(env.str("KIMITSU_DATA_DIR", default=str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """KIMITSU_SECRET_KEY, or the key kept in the data directory (secret_key, mode 600): made
    once, on the first start outside production; production must have one or the other."""
    key = env.str("KIMITSU_SECRET_KEY", default="")
    key_file = DATA_DIR / "secret_key"
    if not key and not key_file.exists() and not PRODUCTION:
        import secrets

        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(50))
    if not key and key_file.exists():
        key = key_file.read_text().strip()
    if not key:
        raise ImproperlyConfigured(
            f"Set KIMITSU_SECRET_KEY, or put a random key in {key_file} (mode 600)."
        )
    if PRODUCTION and len(key) < 50:
        raise ImproperlyConfigured("KIMITSU_SECRET_KEY must be a random string of 50+ characters.")
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env.list("KIMITSU_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("KIMITSU_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from kimitsu's own static files
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "huey.contrib.djhuey",
    "kimitsu.accounts",
    "kimitsu.timestamps",
    "kimitsu.audit",
    "kimitsu.organizations",
    "kimitsu.core",
    "kimitsu.documents",
    "kimitsu.register",
    "kimitsu.rules",
    "kimitsu.pledges",
    "kimitsu.awareness",
    "kimitsu.desk",
    "kimitsu.evidence",
    "kimitsu.reach",
    "kimitsu.prepub",
    "kimitsu.approvals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "kimitsu.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kimitsu.accounts.middleware.UserLanguageMiddleware",
    "kimitsu.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "kimitsu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kimitsu.core.context_processors.workspace",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'kimitsu.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers up front, so the audit chain never forks and
    # writers wait (timeout) instead of failing with "database is locked" mid-transaction. The
    # wait covers the write phase of a large import (about 20 s for 100,000 rows): PostgreSQL
    # is the choice for an office where such imports run while many people work.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 60,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
    # A file (not memory) so that browser tests' live server and concurrency tests share it;
    # KIMITSU_TEST_DB lets parallel runs on one machine keep apart.
    DATABASES["default"]["TEST"] = {
        "NAME": str(DATA_DIR / env.str("KIMITSU_TEST_DB", default="test.sqlite3"))
    }
# Connections are kept between requests: a new one costs its set-up on every request, and on
# SQLite its page cache starts cold each time (bench/load_bench.py: 25.2 ms of CPU a request
# with a new connection each time, 23.0 with kept ones).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("KIMITSU_CONN_MAX_AGE", default=60))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env.int("KIMITSU_LOCKOUT_FAILURES", default=5)
AXES_COOLOFF_TIME = env.float("KIMITSU_LOCKOUT_HOURS", default=0.5)
# Lock the account, not the address: a whole office behind one NAT address must not be locked out
# by one person's typos. Hence axes.W006 is silenced below, on purpose.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
# one counter per account whatever the spelling of its address (accounts/lockout.py)
AXES_USERNAME_CALLABLE = "kimitsu.accounts.lockout.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLED = env.bool("KIMITSU_AXES_ENABLED", default=True)

OTP_TOTP_ISSUER = "kimitsu"

SESSION_COOKIE_AGE = env.int("KIMITSU_SESSION_SECONDS", default=60 * 60 * 10)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# --- E-mail -------------------------------------------------------------------------------
if env.str("KIMITSU_EMAIL_URL", default=""):
    vars().update(env.email_url("KIMITSU_EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("KIMITSU_FROM_EMAIL", default="kimitsu <no-reply@kimitsu.local>")
KIMITSU_BASE_URL = env.str("KIMITSU_BASE_URL", default="http://127.0.0.1:8000")

# --- i18n ---------------------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "kimitsu" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "kimitsu_language"

# --- Static -------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = not PRODUCTION

KIMITSU_MAX_UPLOAD_MB = env.int("KIMITSU_MAX_UPLOAD_MB", default=20)
# Rows an import (register, desk, attendance) takes at most besides its header; a larger file is
# refused as soon as the row after the limit is read (kimitsu.documents.tables).
KIMITSU_MAX_IMPORT_ROWS = env.int("KIMITSU_MAX_IMPORT_ROWS", default=200_000)
# The home page's seven steps are computed at most once in this many seconds per workspace, role
# and language in each web process (each reader sees their own changes at once; 0: every view)
KIMITSU_HOME_CACHE_SECONDS = env.float("KIMITSU_HOME_CACHE_SECONDS", default=5)
# The top bar's task count and notices (about ten queries) are kept this long per member; the
# member's own changes show at once.
KIMITSU_TOPBAR_CACHE_SECONDS = env.float("KIMITSU_TOPBAR_CACHE_SECONDS", default=60)

# --- Task queue (huey) ----------------------------------------------------------------------
# Imports and reports run on the queue, periodic work on its scheduler (kimitsu.core.jobs,
# kimitsu.core.tasks). Without KIMITSU_REDIS_URL the queue is a SQLite file in the data directory
# (one machine: web and worker share it); with it, Redis, for several web and worker machines.
# KIMITSU_QUEUE_IMMEDIATE=true runs each task inside the request that starts it (the tests do).
KIMITSU_REDIS_URL = env.str("KIMITSU_REDIS_URL", default="")
HUEY = {
    "name": env.str("KIMITSU_QUEUE_NAME", default="kimitsu"),
    "immediate": env.bool("KIMITSU_QUEUE_IMMEDIATE", default=False),
    "utc": True,
    "consumer": {
        "workers": env.int("KIMITSU_QUEUE_WORKERS", default=2),
        "worker_type": "thread",
        # exactly one worker of a deployment runs the periodic tasks
        "periodic": env.bool("KIMITSU_SCHEDULER", default=True),
        "check_worker_health": True,
    },
}
if KIMITSU_REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": KIMITSU_REDIS_URL})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "queue.sqlite3")})
# A job's worker reports that it is alive this often; a job silent for KIMITSU_JOB_DEAD_AFTER_S is
# taken for dead (its transaction never committed: nothing was written) and can be retried.
KIMITSU_JOB_BEAT_S = env.float("KIMITSU_JOB_BEAT_S", default=5)
KIMITSU_JOB_DEAD_AFTER_S = env.float("KIMITSU_JOB_DEAD_AFTER_S", default=30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "kimitsu.api.base.exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "kimitsu.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "kimitsu.api.schema.KimitsuAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "kimitsu.api.pagination.CappedPageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kimitsu API",
    "DESCRIPTION": "Trade secret management (営業秘密管理) for companies and consultation desks.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar's static files, not a CDN
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # the 400/401/403/404 answers of every operation (kimitsu.api.schema)
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kimitsu.api.schema.add_error_responses",
    ],
    # several apps call a field "status" or "kind"; give each choice set its own schema name
    "ENUM_NAME_OVERRIDES": {
        "RegisterStatusEnum": "kimitsu.register.choices.Status",
        "RequirementEnum": "kimitsu.register.choices.Requirement",
        "ConsultationStatusEnum": "kimitsu.desk.choices.Status",
        "SeminarKindEnum": "kimitsu.desk.choices.SeminarKind",
        "PledgeDocumentStatusEnum": "kimitsu.pledges.choices.DocumentStatus",
        "PledgeVersionStatusEnum": "kimitsu.pledges.choices.VersionStatus",
        "PledgeTemplateKindEnum": "kimitsu.pledges.choices.TemplateKind",
        "AgreementKindEnum": "kimitsu.pledges.choices.AgreementKind",
        "ChecklistKindEnum": "kimitsu.pledges.choices.ChecklistKind",
        "ReturnKindEnum": "kimitsu.pledges.choices.ReturnKind",
        "CheckKindEnum": "kimitsu.awareness.choices.CheckKind",
        "TrainingKindEnum": "kimitsu.awareness.choices.TrainingKind",
        "OrgKindEnum": "kimitsu.organizations.choices.OrgKind",
        "PersonStatusEnum": "kimitsu.organizations.choices.PersonStatus",
        "RegulationStatusEnum": "kimitsu.rules.choices.RegulationStatus",
        "RuleSetStatusEnum": "kimitsu.rules.choices.RuleSetStatus",
        "HandlingVerdictEnum": "kimitsu.rules.choices.Verdict",
        "PrepubVerdictEnum": "kimitsu.prepub.choices.Verdict",
        "PrepubPurposeEnum": "kimitsu.prepub.choices.Purpose",
    },
}

# --- Security (production) ----------------------------------------------------------------
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("KIMITSU_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("KIMITSU_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Content-Security-Policy (django-csp) -------------------------------------------------
# Every script, style sheet and font is served by kimitsu itself (Bootstrap, Bootstrap Icons,
# Chart.js and HTMX are vendored), and no template carries an inline script, event handler or
# style: an injected <script> or style="" does nothing. data: images are the 2FA QR code and
# Bootstrap's own icons (in its CSS). /api/docs/ (Swagger UI, vendored through
# drf-spectacular-sidecar) also allows the one <style> block of its page, by hash (config/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("KIMITSU_LOG_LEVEL", default="WARNING")},
}

# Trusted timestamps (RFC 3161), kimitsu.timestamps. KIMITSU_TSA_URL names the TSA (an accredited
# one in production: セイコーソリューションズ, アマノ, MIND…); "dev" is the development TSA, whose
# tokens prove nothing to anyone else and are labelled so. Without a URL nothing is stamped and the
# pages say so. The development TSA is the default outside production only.
KIMITSU_TSA_URL = env.str("KIMITSU_TSA_URL", default="" if PRODUCTION else "dev")
KIMITSU_TSA_USERNAME = env.str("KIMITSU_TSA_USERNAME", default="")
KIMITSU_TSA_PASSWORD = env.str("KIMITSU_TSA_PASSWORD", default="")
KIMITSU_TSA_CA_FILE = env.str("KIMITSU_TSA_CA_FILE", default="")
KIMITSU_TSA_POLICY = env.str("KIMITSU_TSA_POLICY", default="")
KIMITSU_TSA_TIMEOUT_S = env.float("KIMITSU_TSA_TIMEOUT_S", default=20)
# Evidence files kept in the vault, at most this large each.
KIMITSU_EVIDENCE_MAX_MB = env.int("KIMITSU_EVIDENCE_MAX_MB", default=50)
