"""Cross§Le@rn settings, driven by environment variables.

With no variable set the project runs on its own: SQLite under var/, local-memory cache,
console e-mail and eager Celery. DATABASE_URL switches to PostgreSQL and REDIS_URL to Redis
(cache, Celery broker and results). See README.md for the full list.
"""

import datetime
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from crosslearn.lib.env import database_from_url, env, env_bool, env_int, env_list, env_sender

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "simple_history",
    "accounts",
    "partners",
    "courses",
    "training",
    "helpers",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
    "reporting.middleware.PlatformSessionMiddleware",
]

ROOT_URLCONF = "crosslearn.urls"
WSGI_APPLICATION = "crosslearn.wsgi.application"

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
                "crosslearn.lib.language_links.language_links",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(env("DATABASE_URL"), sqlite_path=VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "crosslearn.lib.redis_cache.ReusedClientsRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whether every process serving requests reads the same cache: Redis, or the development
# server (one process). Only then are accounts, permissions, sessions and other versioned
# data kept in it (crosslearn.lib.caching.versioned): with one local-memory cache per gunicorn
# worker, a logout or a new password seen by one worker would not reach the others.
CACHE_IS_SHARED = env_bool("CACHE_IS_SHARED", bool(REDIS_URL) or DEBUG)
if CACHE_IS_SHARED and not REDIS_URL and not DEBUG:
    raise RuntimeError("CACHE_IS_SHARED needs REDIS_URL in production (several processes).")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.CachedModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:space"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: e-mail login, mandatory verification, rate-limited attempts.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Cross§Le@rn – "  # not the site's host name
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Failed logins are counted by accounts.throttle (atomic, shared by every process).
    "login_failed": None,
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CrossLearn"
# Accept the code of the period just before or after too (RFC 6238's advice for clock drift
# and a code typed as it changes).
MFA_TOTP_TOLERANCE = 1
# Operators and coordinators must have a second factor before reaching the admin.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("nl", _("Dutch")), ("en", _("English"))]
FORMAT_MODULE_PATH = ["crosslearn.lib.formats"]  # English dates in the British style
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "en"), "fr": ("en",)}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Quoted: the "@" of the brand would otherwise split the From header in two.
DEFAULT_FROM_EMAIL = env_sender("DEFAULT_FROM_EMAIL", '"Cross§Le@rn" <no-reply@crosslearn.example>')
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis when REDIS_URL is set, otherwise tasks run eagerly in-process.
# How long a public page's copy for visitors without a session is kept; a copy is never older
# than its data (crosslearn.lib.caching), so this only bounds the cache's memory.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 3600)
# How long computed figures are kept for dashboards and downloads; they are replaced as soon as
# their data changes (reporting.freshness), so this only bounds the cache's memory.
REPORTING_CACHE_SECONDS = env_int("REPORTING_CACHE_SECONDS", 3600)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": 24 * 60 * 60,
    },
    "reporting-roll-up-platform-sessions": {
        "task": "reporting.tasks.roll_up_platform_sessions",
        "schedule": crontab(hour=1, minute=15),
    },
    "reporting-take-snapshots": {
        "task": "reporting.tasks.take_snapshots",
        "schedule": crontab(hour=2, minute=0),
    },
    "reporting-compact-figure-changes": {
        "task": "reporting.tasks.compact_figure_changes",
        "schedule": crontab(hour=3, minute=30),
    },
    # Safe to run often: every e-mail is claimed once (accounts.services.claim_notice).
    "helpers-session-reminders": {
        "task": "training.tasks.send_session_reminders",
        "schedule": 60 * 60,
    },
    "helpers-attendance-reminders": {
        "task": "training.tasks.send_attendance_reminders",
        "schedule": 60 * 60,
    },
    "purge-inactive-learners": {
        "task": "accounts.tasks.purge_inactive_learners",
        "schedule": 24 * 60 * 60,
    },
    "weekly-helper-digest": {
        "task": "helpers.tasks.send_weekly_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
}

# Accompaniments and learners followed by helpers.
ACCOMPANIMENT_EDIT_DAYS = env_int("ACCOMPANIMENT_EDIT_DAYS", 7)
# Accompaniments dated before the programme's start are refused (helpers.limits).
ACCOMPANIMENTS_FROM = datetime.date.fromisoformat(env("ACCOMPANIMENTS_FROM", "2020-07-01"))
# Learner accounts without any activity for this many days are erased (the helper is told).
LEARNER_RETENTION_DAYS = env_int("LEARNER_RETENTION_DAYS", 730)
LEARNER_INACTIVE_DAYS = 14
# Card login (accounts.card_login, which explains the arithmetic): attempts per card and client
# address, and per address, within the window; per card from anywhere, per day.
CARD_LOGIN_FAILURES_PER_USERNAME = 5
CARD_LOGIN_FAILURES_PER_IP = 100
CARD_LOGIN_WINDOW_SECONDS = 15 * 60
CARD_LOGIN_ATTEMPTS_PER_CARD_PER_DAY = 30
# Password login (accounts.adapter): per account and address, per account, per address.
LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5
LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR = 20
LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = 100
LOGIN_WINDOW_SECONDS = 5 * 60
# The reverse proxy in front (docker-compose's Caddy) adds the client's address to
# X-Forwarded-For; this many proxies are trusted, counted from the right. 0: no proxy, the
# connection's own address is the client's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Security: strict CSP everywhere; HTTPS-only cookies and HSTS when DEBUG is off.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# No page needs the camera, microphone, location or payment; nothing embedded may ask.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions are read from the cache (Redis in production) and written through to the database;
# straight from the database when the cache is not shared by every process.
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if CACHE_IS_SHARED else "db")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
