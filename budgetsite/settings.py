"""Settings for the budget site: everything that varies between machines comes
from environment variables, read through the small typed helpers below so that a
mistyped value stops the process at start-up instead of misbehaving later."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1 or 0).")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# The default key only serves local development: budgetsite/wsgi.py refuses to serve with it
# unless DEBUG is on (startup_checks.py), and `check --deploy` flags it.
DEFAULT_SECRET_KEY = "django-insecure-local-development-only"
SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "apps.accounts",
    "apps.reference",
    "apps.budgets",
    "apps.projects",
    "apps.workbooks",
    "apps.generator",
    "apps.api",
    "apps.ingest",
    "apps.public",
]

MIDDLEWARE = [
    "budgetsite.requestid.RequestIdMiddleware",
    "budgetsite.nul.ReplaceNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "budgetsite.routers.PrimaryForStaffMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "budgetsite.urls"
# The admin's address; moving it off /admin/ keeps scanners from finding the sign-in.
ADMIN_URL = env_str("ADMIN_URL", "admin/")
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/"):
    raise ImproperlyConfigured(f"ADMIN_URL={ADMIN_URL!r} must look like 'admin/' (no leading slash, a trailing one).")
WSGI_APPLICATION = "budgetsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The embedded SQLite database is for one machine and for trying the site out:
# only there does `make run` create local users with printed passwords.
EMBEDDED_DATABASE = "DATABASE_URL" not in os.environ
if not EMBEDDED_DATABASE:
    DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL"), conn_max_age=60)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
if "DATABASE_REPLICA_URL" in os.environ:
    DATABASES["replica"] = dj_database_url.parse(env_str("DATABASE_REPLICA_URL"), conn_max_age=60)
    # The replica is the primary's copy: tests must not try to create it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# PostgreSQL plans a statement each time it receives one: on the public pages planning took as long as
# running (2.3 ms to plan the home page's list, 1.0 ms to run it). Sent with server-side parameters, a
# statement a connection has run 5 times is prepared and planned once (Django leaves psycopg's
# preparing off unless prepare_threshold is given). Poolers that cannot keep prepared statements
# between transactions (PgBouncer in transaction mode before 1.21) need it off.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
for database in DATABASES.values():
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite has no row locks: a transaction takes the write lock when it begins (IMMEDIATE)
        # and a second writer waits up to 20 s for it, instead of failing with "database is
        # locked" when it tries to upgrade a read lock in the middle of a transaction.
        database.setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
    elif database["ENGINE"] == "django.db.backends.postgresql" and DATABASE_PREPARED_STATEMENTS:
        database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DATABASE_READ_REPLICA = "replica" if "replica" in DATABASES else None
DATABASE_ROUTERS = ["budgetsite.routers.ReadReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After repeated failed sign-ins, lock further attempts for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
# Lock the pair (account, address): someone guessing from one address locks themselves out,
# not the account's owner signing in from the office (the README names `admin` and `reviewer`).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "apps.accounts.client_ip.client_ip"
# The fronts whose X-Forwarded-For names the client (nginx's address as the app servers see it).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1"])
AXES_RESET_ON_SUCCESS = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the finders when collectstatic has not run (runserver, tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Workbook uploads: limits that keep a hostile or broken file from exhausting memory.
IMPORT_MAX_BYTES = 10 * 1024 * 1024
IMPORT_MAX_INFLATED_BYTES = 200 * 1024 * 1024
IMPORT_MAX_ROWS = 100_000
# An upload waits this long for its confirmation (in the database: any app server may confirm it).
UPLOAD_KEEP_HOURS = env_int("UPLOAD_KEEP_HOURS", 24)
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024

# Cache: Redis when REDIS_URL is set (several app servers share it), else this process's memory.
if "REDIS_URL" in os.environ:
    # django-redis, not Django's own backend: that one builds a new Redis client for every call.
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": env_str("REDIS_URL")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long a published page may be served from a cache without asking again.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 300)
# How long the publication version is trusted from the cache: writes outside the workflow and the
# admin (which renew it at once) are seen within this time. Only a shared cache (Redis) can be renewed
# by every app process; a process's own memory cannot, so there every request reads the version.
PUBLIC_VERSION_SECONDS = env_int("PUBLIC_VERSION_SECONDS", 5 if "REDIS_URL" in os.environ else 0)
# Pages each app process keeps besides the shared cache (Redis), so that a hit asks Redis only for the
# publication version: megabytes a process, 0 for none (the default without Redis: the cache is local).
PUBLIC_LOCAL_PAGES_MB = env_int("PUBLIC_LOCAL_PAGES_MB", 64 if "REDIS_URL" in os.environ else 0)

# Behind HTTPS (HTTPS=1): secure cookies, redirects, HSTS; the proxy says which scheme it served.
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Everything the site uses is served from itself: scripts, styles, the vendored charts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The admin and the charts set a few inline styles.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# The read-only JSON API (apps/api): JSON only, no sign-in, errors as {"error": …}.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "apps.api.negotiation.AlwaysJSON",
    "EXCEPTION_HANDLER": "apps.api.rest.json_errors",
    "DEFAULT_SCHEMA_CLASS": "apps.api.rest.Schema",
    "UNAUTHENTICATED_USER": None,
}
# Its OpenAPI schema (/api/openapi.json) and docs (/api/docs/), served from this site: no CDN.
SPECTACULAR_SETTINGS = {
    "TITLE": "部门预算公开数据 API",
    "DESCRIPTION": (
        "只读，只含已公开的部门预算。金额为两位小数的字符串（元；表格可用 ?unit=wan 取万元），"
        '来源未给出的数字为 null 而非 0。列表每页 50 条，带 next/previous；出错时返回 {"error": …} 和相应状态码。'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PATH_CONVERTER_OVERRIDES": {
        "phase": {"type": "string", "enum": ["final", "adjusted"], "description": "决算或调整预算；不写即预算"},
        "department": {"type": "string", "description": "部门编码，如 205"},
    },
}

# Logs go to stderr (gunicorn and systemd keep them), each line with its request's id;
# a server error also mails ADMINS ("Name <mail@example.org>, …") when they and EMAIL_HOST are set.
ADMINS = [
    (name.strip(), address.strip(" >"))
    for name, _, address in (entry.partition("<") for entry in env_list("ADMINS", []))
    if address
]
SERVER_EMAIL = env_str("SERVER_EMAIL", "root@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "budgetsite.requestid.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "line"},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "filters": ["require_debug_false"]},
    },
    "root": {"handlers": ["stderr"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["stderr", "mail_admins"], "level": "WARNING", "propagate": False},
        "axes": {"level": "WARNING"},  # a line per sign-in and per start otherwise
    },
}
