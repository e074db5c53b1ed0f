"""Settings shared by every environment. Environment files override only what differs."""

import os
import secrets
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Run-time state (database, uploads, secret key) lives in one folder that git ignores.
VAR_DIR = Path(os.environ.get("LFBL_VAR_DIR", BASE_DIR / "var"))
CORPUS_DIR = BASE_DIR / "corpus"
# Made here, not only when a key is generated: with LFBL_SECRET_KEY set, a fresh folder must work.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use LFBL_SECRET_KEY if set; otherwise create one on first run and keep it in var/."""
    if key := os.environ.get("LFBL_SECRET_KEY"):
        return key
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
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
    "search",
    "ingest",
    "library",
    "oai",
    "opendata",
    "api",
    "archive",
    "backups",
    # What the public may see, the HTML sanitiser, safe downloads, sign-in protection.
    "security",
    # Project-wide template tags (structured data).
    "lfbl",
    # Wagtail and Django.
    "wagtail.contrib.forms",
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
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
    }
}
if database_url := os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES["default"] = dj_database_url.parse(database_url, conn_max_age=60)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
# Wagtail's own database backend serves the editor's admin search only.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Listing pages.
RESOURCES_PER_PAGE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Largest file the importer accepts (the admin upload and import_documents).
INGEST_MAX_UPLOAD_BYTES = int(os.environ.get("LFBL_INGEST_MAX_BYTES", 300 * 1024 * 1024))

# The site search index (the project's own engine, see search/engine/).
SEARCH_INDEX_PATH = Path(os.environ.get("LFBL_SEARCH_INDEX", VAR_DIR / "search.sqlite3"))
# How often (at most) each server process asks the database's change log whether the index must
# catch up with changes made elsewhere (search/index_sync.py).
SEARCH_INDEX_POLL_SECONDS = float(os.environ.get("LFBL_SEARCH_POLL_SECONDS", "1"))
# Overrides of the search ranking (field weights, fusion): see search/engine/settings.py.
SEARCH_RANKING: dict = {}

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
