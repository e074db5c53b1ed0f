"""Settings shared by every environment. Environment files override only what differs."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Run-time state (database, uploads, secret key) lives in one folder that git ignores.
VAR_DIR = Path(os.environ.get("LFBL_VAR_DIR", BASE_DIR / "var"))
CORPUS_DIR = BASE_DIR / "corpus"
# Made here, not only when a key is generated: with LFBL_SECRET_KEY set, a fresh folder must work.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _private_file(path: Path) -> Path:
    """`path`, created if missing and readable by its owner only: the secret key and the SQLite
    database (sessions, password hashes) must never be world-readable. SQLite gives its -wal and
    -shm files the database file's permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path


def _secret_key() -> str:
    """Use LFBL_SECRET_KEY if set; otherwise create one on first run and keep it in var/."""
    if key := os.environ.get("LFBL_SECRET_KEY"):
        return key
    key_file = _private_file(VAR_DIR / "secret_key")
    if not key_file.read_text().strip():
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = False
ALLOWED_HOSTS = os.environ.get("LFBL_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")

INSTALLED_APPS = [
    # The site: one app per domain concept.
    "home",
    "resources",
    "themes",
    "areas",
    "organisations",
    "glossary",
    "timeline",
    "programme",
    "accessibility",
    "search",
    "ask",
    "ingest",
    "library",
    "oai",
    "opendata",
    "api",
    "archive",
    "backups",
    "pagecache",
    # What the public may see, the HTML sanitiser, safe downloads, sign-in protection.
    "security",
    # The database-backed queue that imports run in (ingest/tasks.py).
    "django_tasks_db",
    # Project-wide template tags (structured data).
    "lfbl",
    # Wagtail and Django.
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "security.policy.SitePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous requests for public pages answered without rendering them again, while nothing
    # changed (pagecache/cache.py). Inside the security headers and the policy, so a kept answer
    # gets them as a fresh one does; outside sessions, CSRF and sign-in, which it never needs.
    "pagecache.cache.PageCacheMiddleware",
    # The request's Wagtail site, kept per content version (lfbl/sites.py); inside the page
    # cache, so only a page that renders asks for it.
    "lfbl.sites.SiteForRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Editors who have not passed their second factor reach only the sign-in steps.
    "security.two_factor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lfbl.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lfbl.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "lfbl.wsgi.application"

# SQLite in WAL mode is the embedded default: readers never wait for the single writer.
SQLITE_PATH = Path(os.environ.get("LFBL_DB_PATH", VAR_DIR / "db.sqlite3"))
SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": SQLITE_PATH,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Each thread keeps its connection for a minute, as with PostgreSQL below: opening one
        # (and setting WAL mode again) on every request was a tenth of a worker's time.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
}
if database_url := os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES["default"] = dj_database_url.parse(database_url, conn_max_age=60)
else:
    _private_file(DATABASES["default"]["NAME"])

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in: django-axes counts failures first, then Django checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one account from one address lock that pair out for 15 minutes (an
# attacker elsewhere cannot lock an editor out); `manage.py axes_reset_username NAME` unlocks.
AXES_FAILURE_LIMIT = int(os.environ.get("LFBL_SIGN_IN_ATTEMPTS", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LFBL_SIGN_IN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "security.sign_in.locked_out"
AXES_VERBOSE = False
# Two-factor sign-in (security/two_factor.py, django-otp TOTP): every editor sets up an
# authenticator app on first sign-in. LFBL_2FA_REQUIRED=false turns that off for a local trial;
# an editor who has set one up is always asked for a code.
TWO_FACTOR_REQUIRED = os.environ.get("LFBL_2FA_REQUIRED", "true").lower() not in (
    "0",
    "false",
    "no",
)
OTP_TOTP_ISSUER = "Learning from Big Local"

# Content-Security-Policy (django-csp; see security/policy.py): public pages run the site's own
# files only, with no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin's policy: the same, plus the inline styles and scripts and the image previews
# it uses, and framing by itself (page previews).
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
}
# The admin dashboard would ask releases.wagtail.org for news on every visit: the site says
# nothing to third parties about its editors.
WAGTAIL_ENABLE_UPDATE_CHECK = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Learning from Big Local"
WAGTAILADMIN_BASE_URL = os.environ.get("LFBL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "txt", "md", "html", "csv"]
# Documents go through Wagtail's view, which checks who may have them (security/downloads.py),
# and always as downloads: an uploaded HTML file must never open as a page of the site.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# Wagtail's own database backend serves the editor's admin search only.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Listing pages.
RESOURCES_PER_PAGE = 20
# Lists of resources count their facets in memory (resources/facet_table.py) up to this many
# visible resources; above it, building the table after each publish would cost more than the
# queries it saves, and lists ask the database.
FACET_TABLE_MAX_RESOURCES = int(os.environ.get("LFBL_FACET_TABLE_MAX_RESOURCES", "5000"))

# The address readers write to about the site (the accessibility statement gives it; OAI-PMH's
# Identify too, unless OAI_ADMIN_EMAIL is set). The default is a placeholder: set it in production.
CONTACT_EMAIL = os.environ.get("LFBL_CONTACT_EMAIL", "library@learningfrombiglocal.invalid")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Largest file the importer accepts (the admin upload and import_documents).
INGEST_MAX_UPLOAD_BYTES = int(os.environ.get("LFBL_INGEST_MAX_BYTES", 300 * 1024 * 1024))
# Each uploaded file is analysed in a child process that is stopped past these limits.
INGEST_FILE_SECONDS = int(os.environ.get("LFBL_INGEST_FILE_SECONDS", 300))
INGEST_FILE_MEMORY_BYTES = int(os.environ.get("LFBL_INGEST_FILE_MEMORY_MB", 2048)) * 1024 * 1024
# A batch in which nothing has moved for the file limit plus this margin has lost its worker
# (ingest/recovery.py): the file being read is marked failed and the rest is queued again.
INGEST_STALL_MARGIN_SECONDS = int(os.environ.get("LFBL_INGEST_STALL_MARGIN_SECONDS", 120))
# Where uploads wait for the import worker: outside media, so they are never served.
INGEST_UPLOAD_DIR = VAR_DIR / "imports"

# Background work. Wagtail's own small tasks run at once, as before; imports go to a queue kept in
# the database, worked through by `manage.py db_worker --backend imports` (started by `make run`).
# LFBL_IMPORT_QUEUE=immediate runs imports at once instead (the unit tests do).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("LFBL_IMPORT_QUEUE", "database")],
    },
}

# Public pages answered without rendering them again (pagecache/): kept at most this long, and
# only while the library's content version is the one they were rendered in; 0 turns it off.
# Off here, where templates and code change under a developer (`make run`); on in production
# (production.py), where they change only with a restart, which starts a new key space.
# They are kept in files beside this server's index, shared by its worker processes (each
# renders a page once for all of them); LFBL_PAGE_CACHE_DIR="" keeps them in each process's
# memory instead. Nothing is shared between servers: each checks the database's version.
PAGE_CACHE_SECONDS = int(os.environ.get("LFBL_PAGE_CACHE_SECONDS", "0"))
PAGE_CACHE_ALIAS = "pages"
_page_cache_dir = os.environ.get("LFBL_PAGE_CACHE_DIR", str(VAR_DIR / "page-cache"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": (
        {
            "BACKEND": "pagecache.store.PageStore",
            "LOCATION": _page_cache_dir,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
        if _page_cache_dir
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    ),
}

# The site search index (the project's own engine, see search/engine/).
SEARCH_INDEX_PATH = Path(os.environ.get("LFBL_SEARCH_INDEX", VAR_DIR / "search.sqlite3"))
# How often (at most) each server process asks the database's change log whether the index must
# catch up with changes made elsewhere (search/index_sync.py).
SEARCH_INDEX_POLL_SECONDS = float(os.environ.get("LFBL_SEARCH_POLL_SECONDS", "1"))
# Overrides of the search ranking (field weights, fusion): see search/engine/settings.py.
SEARCH_RANKING: dict = {}
# "Ask the library" (ask/): overrides of how quotes are chosen, e.g. {"min_score": 0.5} (the
# abstention threshold); fields and measured defaults in ask/quotes.py.
ASK: dict = {}

# The read API (api/): OpenAPI 3 document at /api/v1/schema/, docs page served without a CDN.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Learning from Big Local read API",
    "DESCRIPTION": (
        "Read-only JSON access to the published library: resources, Big Local areas and themes. "
        "Lists are paginated (`count`, `next`, `previous`, `results`). The whole library can also "
        "be downloaded as CSV and JSON from /data/."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["api.schema.only_read_api"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
