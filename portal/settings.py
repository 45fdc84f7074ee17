"""Settings for Most, driven by environment variables.

One module for every environment: docs/CONFIGURATION.md lists each variable.
Defaults are safe: debug is off unless ``DJANGO_DEBUG`` turns it on (``make
run``, ``make test`` and ``manage.py`` do that for development), and with
debug off the portal refuses to start without a secret key and allowed hosts.
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MOST_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

# --- Secrets and hosts: required in production, fail fast with a clear message.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not DEBUG:
    missing = [
        name
        for name, value in (("DJANGO_SECRET_KEY", SECRET_KEY), ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS))
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "Most is running with DJANGO_DEBUG off (production mode) and needs "
            + " and ".join(missing)
            + ". Set them in the environment (see docs/CONFIGURATION.md), "
            "or set DJANGO_DEBUG=true for local development."
        )
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long in production.")
else:
    # A development key: only ever used with DEBUG on, never in production.
    SECRET_KEY = SECRET_KEY or "development-only-insecure-key-never-used-with-debug-off-0123456789"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]", "testserver"]

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before admin so its admin patches apply.
    "modeltranslation",
    # Django's admin with the staff workspace as its site (dashboard, scoping).
    "staff.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "csp",
    # Background tasks (Django's tasks API, backported) and their table for the database backend.
    "django_tasks",
    "staff.apps.BackgroundTasksConfig",  # django-tasks' database backend, its name translated
    "staff.apps.LogInRecordsConfig",  # django-axes, its name translated
    "staff.apps.VersionHistoryConfig",  # django-reversion, its name translated
    # The second factor of a log-in (docs/STAFF.md, "Two-factor log-in"): TOTP apps, recovery
    # codes, passkeys. Their own admins are unregistered by the staff workspace (an administrator
    # resets a person's second factor from the user's page instead).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    # The rich-text editor of news bodies and pages (civic/richtext.py): its scripts and styles
    # are served from our static files, no CDN.
    "django_prose_editor",
    "core",
    # After axes: the staff workspace re-registers its log-in records for portal administrators only.
    "staff",
    "portal",
    # The outbox every e-mail of every app goes through, sent after commit.
    "notifications",
    "directory",
    "tourism",
    "media_library",
    "civic",
    "registrations",
    "cooperation",
    # Keeping entries true: mistake reports, yearly confirmations, link checks (above the content apps).
    "upkeep",
    # Search indexes the content of every app above (their search_indexes.py).
    "search",
    # The read-only public API, /api/v1/ (Django Ninja; its Swagger UI files are served from "ninja"'s static files).
    "ninja",
    "api",
    # The demo content of every app above and its loader, `manage.py load_demo_content`.
    "demo",
]

MIDDLEWARE = [
    # The security headers come first, so that every response gets them: files
    # WhiteNoise serves and the 400 of a forged Host header included.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files come precompressed) and above the page cache, so that a
    # cached page is compressed on its way out too.
    "core.middleware.CompressionMiddleware",
    # The API's rate limit, CORS and conditional requests, above the page cache (its answers say no-cache).
    "api.middleware.ApiMiddleware",
    # Above the session middleware: a cached page is served without touching sessions or the database.
    "core.middleware.AnonymousPageCacheMiddleware",
    # Django's, answering 503 (not 400 or 500) when the database goes away as a session is saved.
    "core.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Below CommonMiddleware so that it sees the response first and the
    # Content-Length set afterwards is that of the Latin text.
    "core.middleware.SerbianLatinMiddleware",
    # A view that finds the database gone answers 503 "try again shortly", not 500.
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions: idle and absolute limits shorter than the public's (docs/OPERATIONS.md).
    "staff.middleware.StaffSessionLimitsMiddleware",
    # Last: axes must see the result of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# Form values are shown back as typed on sr-latn pages (core.transliteration).
FORM_RENDERER = "core.forms.TypedValuesFormRenderer"

# --- Database: PostgreSQL only. DATABASE_URL when set, else the embedded server.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    from portal.embedded_postgres import database_settings

    DATABASES = {"default": database_settings(VAR_DIR / "pgdata")}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Most runs on PostgreSQL only: DATABASE_URL must be a postgres:// URL.")
# Persistent connections with health checks: cheap under gunicorn, and a
# connection dropped by a database restart is replaced instead of failing.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A search for a very common word reads the index's table in order and stops
# at its 501st match (search.models). PostgreSQL's synchronised scans would
# start each such read where another one happened to be, so the same search
# would find other candidates each time and page 2 would not follow page 1.
_options = DATABASES["default"].setdefault("OPTIONS", {})
_options["options"] = f"{_options.get('options', '')} -c synchronize_seqscans=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set (shared by every worker and app server), else
# per-process memory. Anonymous pages have a cache of their own, so that they never push out
# the rate-limit counters of the default one. Everything in Redis can be made again, so the
# portal carries on without it, from the database (core.cache.ResilientRedisCache).
# CACHE_URL is this variable's earlier name, still read.
REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
if REDIS_URL:
    from core.cache import redis_caches

    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # About 30 KB a page: at most some 30 MB per worker.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
        # Rendered cards of list pages (core.pagecache.cached_pieces), about 1 KB each: some 20 MB
        # per worker at most, apart from the pages so that cards never push pages out.
        "pieces": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pieces",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
# Sessions stay in PostgreSQL, Redis or not: "cached_db" would serve, after a Redis outage,
# a session as the cache last held it (a log-out during the outage undone). Anonymous
# readers have no session, so this costs the public pages nothing.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Whole public pages for anonymous readers (core.middleware.AnonymousPageCacheMiddleware),
# invalidated at once by any change of content (core.pagecache); the lifetime only
# bounds how long a page whose content depends on the time (upcoming events) may lag.
# Off by default in development, where templates change under the developer's hands.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else "300"))
# How long a shared HTTP cache (Varnish, a CDN) may serve a page the page cache keeps before
# asking again (s-maxage; the question costs a 304). As long as the page cache by default: a
# cache in front that is told of changes (deploy/varnish, core.httpcache) shows an edit at once;
# one that is not (a CDN) should get a few seconds here, so that edits show within them.
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", PAGE_CACHE_SECONDS))

# The shared HTTP caches in front (Varnish, deploy/varnish/most.vcl) that are sent a BAN of the
# pages that read what a change wrote (core.httpcache): their addresses, comma-separated.
HTTP_CACHE_BAN_URLS = env_list("HTTP_CACHE_BAN_URLS")
# How long a share link to a draft's preview opens it (staff.preview): a week, long enough for
# a reviewer outside the centre to answer, short enough that a forwarded link goes dead soon.
PREVIEW_LINK_SECONDS = int(os.environ.get("PREVIEW_LINK_SECONDS", 7 * 24 * 60 * 60))

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out client is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Brute-force protection for every login form: after 5 failures for one user
# name from one address, that pair waits 15 minutes (cool-off, never a
# permanent lock-out that an attacker could use against staff).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The address is the one every rate limit counts (core.abuse.client_address): X-Forwarded-For
# only from DJANGO_TRUSTED_PROXIES. Without it, axes counted every attempt behind the proxy as
# 127.0.0.1, and five failures from anywhere locked a user name for everyone.
AXES_CLIENT_IP_CALLABLE = "core.abuse.client_address"
# User names are cut to the longest an account may have before axes stores them (varchar 255).
AXES_USERNAME_CALLABLE = "core.abuse.axes_username"
# Reverse proxies whose X-Forwarded-For is believed: their own addresses, comma-separated
# (e.g. "127.0.0.1" for nginx on the same host). Empty: the peer's address is the client's.
TRUSTED_PROXIES = [hop.strip() for hop in os.environ.get("DJANGO_TRUSTED_PROXIES", "").split(",") if hop.strip()]

# Staff sessions end after an idle hour and ten hours after log-in (staff.middleware).
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", 60 * 60))
STAFF_SESSION_MAX_SECONDS = int(os.environ.get("STAFF_SESSION_MAX_SECONDS", 10 * 60 * 60))

# --- Two-factor log-in (docs/STAFF.md). Staff must pass a second factor (an authenticator
# app's code, a passkey or a recovery code) before the admin opens; on by default in
# production, off in development so that `make run`'s demo accounts open at once. Whoever
# has set a second factor up is asked for it either way.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", default=not DEBUG)
# The name an authenticator app shows beside the code.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Most")
# Passkeys are a second factor only: a log-in always starts with the password, which axes
# guards. A passkey belongs to the host name the page was served from (one of ALLOWED_HOSTS,
# staff.two_factor.relying_party_id); the browser's origin must be one of these (by default
# https:// and each allowed host; the development server's http://localhost:<port> too).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "staff.two_factor.PasskeyHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "staff.two_factor.relying_party_id"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("OTP_WEBAUTHN_ALLOWED_ORIGINS") or [
    f"https://{host}" for host in ALLOWED_HOSTS if host not in {"*", "testserver"} and not host.startswith((".", "["))
]
OTP_WEBAUTHN_RP_NAME = os.environ.get("OTP_WEBAUTHN_RP_NAME", "Most")
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "django_otp_webauthn"

# --- Audit log (docs/STAFF.md, "Audit log"): who did what, kept this many days;
# `manage.py prune_audit_log` (daily, docs/OPERATIONS.md) deletes older events.
AUDIT_LOG_RETENTION_DAYS = int(os.environ.get("AUDIT_LOG_RETENTION_DAYS", 365))

# Company owners log in on the public site; staff use the admin's own log-in page.
LOGIN_URL = "registrations:login"
LOGIN_REDIRECT_URL = "registrations:account"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages. Serbian Cyrillic is typed by staff; Serbian Latin is generated
# from it (core.transliteration), never typed: content fields exist for bg,
# sr and en only, and sr-latn pages show the sr text in Latin letters.
LANGUAGE_CODE = "bg"
LANGUAGES = [
    ("bg", "Български"),
    ("sr", "Српски (ћирилица)"),
    ("sr-latn", "Srpski (latinica)"),
    ("en", "English"),
]
# BCP 47 tags for <html lang> and hreflang: Django's "sr" is Cyrillic.
LANGUAGE_TAGS = {"bg": "bg", "sr": "sr-Cyrl", "sr-latn": "sr-Latn", "en": "en"}
# Each language's name in its own script, as the language switcher shows it: the script itself
# tells the two Serbians apart.
LANGUAGE_OWN_NAMES = {"bg": "Български", "sr": "Српски", "sr-latn": "Srpski", "en": "English"}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Formats Django's own locales leave unset or write otherwise than CLDR (portal/formats/<lang>/).
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Sofia"

MODELTRANSLATION_LANGUAGES = ("bg", "sr", "en")
MODELTRANSLATION_DEFAULT_LANGUAGE = "bg"
# A reader of one language is better served by the neighbouring Cyrillic
# language than by English; an English reader by either original.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("bg", "sr", "en"), "bg": ("sr", "en"), "sr": ("bg", "en")}
# Admin translation tabs use jQuery UI; it is served by the app, never from a CDN
# (modeltranslation reads this unprefixed setting name).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static and media files. WhiteNoise serves hashed, compressed static
# files in production too; media stay on disk under MEDIA_ROOT.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# The portal serves uploads itself (portal.views.media_file, with safe headers)
# unless the web server in front does; turn off when it does.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=True)
# Uploaded files (core.storage): public media (default), photo originals and pending imports
# (never served). Local folders by default; an S3-compatible bucket when S3_BUCKET is set, each
# kind under a prefix of its own, the bucket private (media reach readers through MEDIA_URL).
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    from core.storage import s3_storages

    STORAGES = s3_storages(os.environ)
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "originals": {
            "BACKEND": "core.storage.SettingsFolderStorage",
            "OPTIONS": {"setting": "MEDIA_LIBRARY_ORIGINALS_ROOT"},
        },
        "imports": {"BACKEND": "core.storage.SettingsFolderStorage", "OPTIONS": {"setting": "DIRECTORY_IMPORT_ROOT"}},
    }
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# --- Background tasks: Django's tasks API (the django-tasks backport). By default every task
# runs at once in the process that enqueues it, so `make run` stays one process and a newcomer
# runs no worker. TASKS_BACKEND=database keeps tasks as rows in PostgreSQL, run by
# `manage.py run_worker` (deploy/most-worker.service), retried on failure with growing delays
# and taken over from a worker that died (core.worker): no broker to run or back up.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
# How often a failed task is run again, and after how many seconds each time (core.worker).
TASK_RETRY_DELAYS = [10, 60, 300, 1800]

# --- Email: console in development, SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Most <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security. Production (debug off) sends every cookie over HTTPS only.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# A refused form gets a translated page that says what to do.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script of the portal or the admin reads a cookie (forms carry the CSRF
# token in a hidden field), so every cookie can be out of scripts' reach.
CSRF_COOKIE_HTTPONLY = True
# The language switcher's cookie gets the same protection as the others.
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# --- Maps (tourism/). Leaflet is served by the app; the tiles come from MAP_TILE_URL
# (OpenStreetMap's by default: fine for a small public site, see their tile usage
# policy; a busy deployment should point this at its own or a paid tile server).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# Empty: OpenStreetMap's credit, translated into the page's language (tourism.views.map_attribution).
MAP_ATTRIBUTION = os.environ.get("MAP_ATTRIBUTION", "")


def tile_origin(url: str) -> str:
    """The origin CSP must allow for a tile URL template; a {s} subdomain becomes a wildcard."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(f"MAP_TILE_URL must be an http(s) URL template, not {url!r}.")
    host = re.sub(r"^\{s\}\.", "*.", parts.netloc)
    return f"{parts.scheme}://{host}"


# The largest GPX file a route may have (a day's track is well under 1 MB).
TOURISM_MAX_GPX_BYTES = int(os.environ.get("TOURISM_MAX_GPX_BYTES", 5 * 1024 * 1024))

# Requests one client may make to the API (/api/v1/) per window of seconds; past it: 429 with Retry-After.
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", 600))
API_RATE_WINDOW = int(os.environ.get("API_RATE_WINDOW", 60))

# No script runs unless it is a file of ours or carries the per-response nonce:
# no 'unsafe-inline' for scripts. Styles allow inline attributes (the admin uses
# them); they cannot run code. Video embeds load only after a reader's click.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        # Map tiles come from the tile server of MAP_TILE_URL.
        "img-src": [SELF, "data:", tile_origin(MAP_TILE_URL), *env_list("DJANGO_CSP_IMG_SRC")],
        "media-src": [SELF, *env_list("DJANGO_CSP_MEDIA_SRC")],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Features no page of the portal uses are switched off for every page.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
# /healthz is probed by load balancers over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}

# --- Media library (media_library/). Limits protect the server from files
# that are too big to process safely; docs/MEDIA.md explains each.
MEDIA_LIBRARY_MAX_PHOTO_BYTES = int(os.environ.get("MEDIA_LIBRARY_MAX_PHOTO_BYTES", 25 * 1024 * 1024))
# 50 megapixels: above any phone or most cameras, below what risks the memory of a worker.
MEDIA_LIBRARY_MAX_PHOTO_PIXELS = int(os.environ.get("MEDIA_LIBRARY_MAX_PHOTO_PIXELS", 50_000_000))
MEDIA_LIBRARY_MAX_VIDEO_BYTES = int(os.environ.get("MEDIA_LIBRARY_MAX_VIDEO_BYTES", 500 * 1024 * 1024))
# Originals keep their EXIF and GPS data, so they live outside MEDIA_ROOT and are never served.
MEDIA_LIBRARY_ORIGINALS_ROOT = Path(os.environ.get("MEDIA_LIBRARY_ORIGINALS_ROOT", VAR_DIR / "originals"))

# --- Company registrations (registrations/, docs/REGISTRATION.md). Limits per client
# address, counted in the cache (Redis in production, so they hold across workers).
REGISTRATIONS_RATE_WINDOW = int(os.environ.get("REGISTRATIONS_RATE_WINDOW", 60 * 60))
REGISTRATIONS_RATE_LIMIT = int(os.environ.get("REGISTRATIONS_RATE_LIMIT", 5))
REGISTRATIONS_CONTACT_RATE_LIMIT = int(os.environ.get("REGISTRATIONS_CONTACT_RATE_LIMIT", 10))
REGISTRATIONS_LOGIN_RATE_LIMIT = int(os.environ.get("REGISTRATIONS_LOGIN_RATE_LIMIT", 30))
# Password guesses at "delete my account", per owner account (they never count towards the log-in lock-out).
REGISTRATIONS_ERASE_RATE_LIMIT = int(os.environ.get("REGISTRATIONS_ERASE_RATE_LIMIT", 5))
# Password-reset requests (owners' and staff's), per client address and per email address.
PASSWORD_RESET_RATE_LIMIT = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT", 5))
# An applicant has this many days to confirm the email address (the link in the mail lasts as
# long); an application still unconfirmed then no longer reserves its identifiers, and
# ``manage.py purge_expired_registrations`` deletes it with its files.
REGISTRATIONS_CONFIRMATION_DAYS = int(os.environ.get("REGISTRATIONS_CONFIRMATION_DAYS", 7))
# Logos and photos from the public: smaller than the staff's media library limit;
# the pixel limit and the decompression-bomb check are the media library's.
REGISTRATIONS_MAX_IMAGE_BYTES = int(os.environ.get("REGISTRATIONS_MAX_IMAGE_BYTES", 5 * 1024 * 1024))
# Public forms sent sooner than this after they were shown are refused (core.abuse).
PORTAL_FORM_MIN_FILL_SECONDS = int(os.environ.get("PORTAL_FORM_MIN_FILL_SECONDS", 3))

# --- Cooperation board (cooperation/, docs/COOPERATION.md). "Express interest" is limited per
# owner account and per address, posting per account, in the cache like the limits above.
COOPERATION_RATE_WINDOW = int(os.environ.get("COOPERATION_RATE_WINDOW", 60 * 60))
COOPERATION_INTEREST_RATE_LIMIT = int(os.environ.get("COOPERATION_INTEREST_RATE_LIMIT", 10))
COOPERATION_POST_RATE_LIMIT = int(os.environ.get("COOPERATION_POST_RATE_LIMIT", 10))

# --- The portal's public address, for links in mail sent outside a request (reminders and
# digests from cron). Required by those commands with debug off; the development server otherwise.
PORTAL_SITE_URL = os.environ.get(
    "PORTAL_SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}" if DEBUG else ""
).rstrip("/")

# --- Directory bulk import (docs/DIRECTORY.md). 10 MB holds far more than the 7,158
# organisations of the original platform; checking is synchronous, so rows are capped.
DIRECTORY_IMPORT_MAX_BYTES = int(os.environ.get("DIRECTORY_IMPORT_MAX_BYTES", 10 * 1024 * 1024))
DIRECTORY_IMPORT_MAX_ROWS = int(os.environ.get("DIRECTORY_IMPORT_MAX_ROWS", 20_000))
# Uploaded files wait here, parsed, between the preview and the confirmation (never served).
DIRECTORY_IMPORT_ROOT = Path(os.environ.get("DIRECTORY_IMPORT_ROOT", VAR_DIR / "imports"))

# Keeping entries true (upkeep/, docs/DIRECTORY.md "Keeping entries true").
# How long the link in the yearly confirmation e-mail works.
UPKEEP_CONFIRMATION_LINK_DAYS = int(os.environ.get("UPKEEP_CONFIRMATION_LINK_DAYS", 30))
# Mistake reports one address may send an hour (REGISTRATIONS_RATE_WINDOW).
UPKEEP_REPORT_RATE_LIMIT = int(os.environ.get("UPKEEP_REPORT_RATE_LIMIT", 10))
# The link check: seconds before a site or DNS server counts as not answering, seconds between two
# requests to one host (polite to small sites), days before an address is checked again.
UPKEEP_LINK_CHECK_TIMEOUT = float(os.environ.get("UPKEEP_LINK_CHECK_TIMEOUT", 10))
UPKEEP_LINK_CHECK_DELAY = float(os.environ.get("UPKEEP_LINK_CHECK_DELAY", 2))
UPKEEP_LINK_CHECK_EVERY_DAYS = int(os.environ.get("UPKEEP_LINK_CHECK_EVERY_DAYS", 7))
# The websites checked are typed by companies: a loopback, private or link-local address (the
# portal's own network, a cloud's metadata service) is refused unless this is set. Only tests set
# it: their websites listen on loopback.
UPKEEP_LINK_CHECK_ALLOW_PRIVATE = env_bool("UPKEEP_LINK_CHECK_ALLOW_PRIVATE")
# DNS servers for the MX look-ups ("host" or "host:port", comma-separated); empty: the system's.
UPKEEP_DNS_SERVERS = [server for server in os.environ.get("UPKEEP_DNS_SERVERS", "").split(",") if server]
