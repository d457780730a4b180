"""Settings for dangvu, driven by environment variables (one file, healthchecks-style)."""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DANGVU_VAR_DIR", BASE_DIR / "var"))


def _private_dir(path):
    # var/ holds the database, the key, the log and the attachments: only its owner enters it,
    # also when an older version created it 0755.
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.stat().st_uid == os.geteuid():
        path.chmod(0o700)


_private_dir(VAR_DIR)


def envbool(name, default):
    return os.environ.get(name, str(default)).lower() in ("1", "true", "yes", "on")


def _secret_key():
    # The key is never committed: take it from the environment, or make one per
    # installation and keep it beside the SQLite file.
    if SECRET_KEY_FILE is None:
        return os.environ["SECRET_KEY"]
    try:
        # Created 0600 in one step (never readable by others for a moment), and only once even
        # when two processes start together.
        fd = os.open(SECRET_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    if SECRET_KEY_FILE.stat().st_uid == os.geteuid():
        SECRET_KEY_FILE.chmod(0o600)  # a key written 0644 by an older version
    return SECRET_KEY_FILE.read_text().strip()


# Where the key lives when it is not in the environment; `backup` saves it, `restore` puts it back.
SECRET_KEY_FILE = None if os.environ.get("SECRET_KEY") else VAR_DIR / "secret_key"
SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
# Django's debug page shows the settings and the server's environment (DATABASE_URL with its
# password) to whoever gets an error: it is for a developer's own computer only. DEBUG with a
# host name other than this computer's is refused at start; DebugOnLoopbackMiddleware also
# refuses, under DEBUG, any request from another address or naming another host.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
if DEBUG and not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
    raise ImproperlyConfigured(
        "DEBUG=1 chỉ dùng trên máy này (127.0.0.1, localhost); ALLOWED_HOSTS="
        f"{','.join(ALLOWED_HOSTS)} cho máy khác vào: bỏ DEBUG."
    )
# Whatever shows an error (the debug page, error mails) hides these, the database URL included.
DEFAULT_EXCEPTION_REPORTER_FILTER = "dangvu.ops.guards.ExceptionReporterFilter"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "dangvu.accounts",
    "dangvu.orgs",
    "dangvu.people",
    "dangvu.work",
    "dangvu.meetings",
    "dangvu.programme",
    "dangvu.review",
    "dangvu.oversight",
    "dangvu.awards",
    "dangvu.training",
    "dangvu.mobilisation",
    "dangvu.finance",
    "dangvu.reports",
    "dangvu.documents",
    "dangvu.superior",
    "dangvu.home",
    "dangvu.demo",
    "dangvu.ops",
    # Background jobs (Django 6's task framework, backported): the queue is a database table.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: a debug page only for this computer, and a huge body refused before it is read.
    "dangvu.ops.guards.DebugOnLoopbackMiddleware",
    "dangvu.ops.guards.RequestSizeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from var/static (collectstatic), compressed and cached, without a web server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dangvu.ops.throttle.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dangvu.accounts.middleware.NoStoreMiddleware",
    "dangvu.accounts.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "dangvu.urls"
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
                "dangvu.navigation.menu",
            ],
            # Number, money and figure formats for every page (`dangvu` itself is not an app).
            "libraries": {"vn": "dangvu.templatetags.vn"},
        },
    }
]
WSGI_APPLICATION = "dangvu.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dangvu.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Simultaneous saves: WAL lets readers run beside the writer, every write transaction takes
    # the write lock when it begins (IMMEDIATE, so it waits instead of failing half-way with
    # "database is locked"), and a writer waits up to 30 s for the one before it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# A web request that gunicorn stops at its timeout would leave its query running in PostgreSQL for
# minutes, slowing every request after it (seen at 1.000 committees): the database stops the
# statement first. gunicorn.conf.py sets this for the web workers only; commands and background
# jobs, which may rightly take longer, have no such limit.
STATEMENT_TIMEOUT_MS = int(os.environ.get("DANGVU_STATEMENT_TIMEOUT_MS", "0"))
if STATEMENT_TIMEOUT_MS and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
    )

# A superior's kept figures found stale (changes recorded since) are computed again at most once
# in this many minutes (dangvu.superior.kept).
DANGVU_KEPT_REFRESH_MINUTES = int(os.environ.get("DANGVU_KEPT_REFRESH_MINUTES", "10"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Django's common list is English: the Vietnamese one, and the username typed twice.
    {"NAME": "dangvu.accounts.validators.VietnameseCommonPasswordValidator"},
    {"NAME": "dangvu.accounts.validators.UsernameInPasswordValidator"},
]
# Login throttling (dangvu.ops.throttle): failures per account and per address in a window.
AUTHENTICATION_BACKENDS = ["dangvu.ops.throttle.ThrottledModelBackend"]
DANGVU_LOGIN_ACCOUNT_LIMIT = int(os.environ.get("DANGVU_LOGIN_ACCOUNT_LIMIT", "15"))
DANGVU_LOGIN_ADDRESS_LIMIT = int(os.environ.get("DANGVU_LOGIN_ADDRESS_LIMIT", "50"))
DANGVU_LOGIN_WINDOW = int(os.environ.get("DANGVU_LOGIN_WINDOW_MINUTES", "15")) * 60
# The counters live in Django's cache, shared by every server process: a table of the database
# (created by the ops migration 0001 with `createcachetable`), or files in DANGVU_CACHE_DIR.
if os.environ.get("DANGVU_CACHE_DIR"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["DANGVU_CACHE_DIR"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "dangvu_cache",
        }
    }
# The web servers (reverse proxies) in front of dangvu, by address or network (CIDR), comma
# separated: X-Forwarded-For is read only on a request that comes from one of them, and the
# client is its rightmost address that is not a trusted proxy (dangvu.ops.clients). Unset: the
# header is ignored and the client is REMOTE_ADDR.
DANGVU_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("DANGVU_TRUSTED_PROXIES", "").split(",") if p.strip()
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
# Typed dates are day first (10/05/2017 is 10 May): Django's Vietnamese locale sets no input
# formats, and its default list would read 10/05/2017 as 5 October.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise reads it (empty until collectstatic)
MEDIA_ROOT = VAR_DIR / "media"
# WhiteNoise serves STATIC_ROOT; in production with hashed, compressed copies made by
# collectstatic (`make serve` runs it), so browsers may keep them for a year.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("DANGVU_STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Background jobs (the superior's report, statistical forms for a subtree, large imports): the
# database queue, run by `manage.py db_worker` (README, docs/serving.md). DANGVU_TASKS_IMMEDIATE=1
# runs them inside the request instead (tests, a one-user computer).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if envbool("DANGVU_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# Sessions end when the browser closes, and after DANGVU_SESSION_IDLE_MINUTES without a request.
SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(os.environ.get("DANGVU_SESSION_IDLE_MINUTES", "60")) * 60
SESSION_SAVE_EVERY_REQUEST = True
# Served over HTTPS (DANGVU_HTTPS=1, behind a web server that sets X-Forwarded-Proto): secure
# cookies, redirect to HTTPS, HSTS.
HTTPS = envbool("DANGVU_HTTPS", False)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("DANGVU_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DANGVU_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DANGVU_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("DANGVU_HSTS_PRELOAD", True)
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
X_FRAME_OPTIONS = "DENY"
# The CSRF refusal page in Vietnamese (Django's own is English).
CSRF_FAILURE_VIEW = "dangvu.ops.views.csrf_failure"
# Content-Security-Policy (django-csp): scripts only from dangvu's static files, or inline with
# the page's nonce (`nonce="{{ request.csp_nonce }}"`); styles may be inline (tables and the
# report preview carry style attributes); no plugins, frames or foreign form targets.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Errors go to stderr and to var/log/dangvu.log (rotated).
LOG_DIR = VAR_DIR / "log"
_private_dir(LOG_DIR)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
        "file": {
            "class": "dangvu.ops.private.PrivateRotatingFileHandler",  # files 0600
            "filename": LOG_DIR / "dangvu.log",
            "maxBytes": 5 * 1024 * 1024,
            "backupCount": 5,
            "formatter": "plain",
        },
    },
    "root": {
        "handlers": ["stderr", "file"],
        "level": os.environ.get("DANGVU_LOG_LEVEL", "WARNING"),
    },
    # A job's start, end and failure are worth keeping at the default level.
    "loggers": {
        "dangvu.jobs": {"level": os.environ.get("DANGVU_JOB_LOG_LEVEL", "INFO")},
    },
}

# Uploaded spreadsheets and documents larger than this are refused with the limit named.
DANGVU_MAX_UPLOAD_BYTES = int(os.environ.get("DANGVU_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = DANGVU_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = DANGVU_MAX_UPLOAD_BYTES
# A request body larger than this is refused from its Content-Length, before a byte of it is
# read (RequestSizeMiddleware): the largest upload and room for the form's other fields.
DANGVU_MAX_REQUEST_BYTES = DANGVU_MAX_UPLOAD_BYTES + 1024 * 1024

# E-mail (notices of cell meetings) --------------------------------------------------------------
# Written to the console unless an SMTP server is given: EMAIL_HOST (and EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS / EMAIL_USE_SSL), or EMAIL_BACKEND itself.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "dangvu@localhost")
EMAIL_TIMEOUT = 20
