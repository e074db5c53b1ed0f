"""Settings for the test suite: fast password hashing, in-memory cache, plain static storage."""

import os
import tempfile

# Uploads and the generated secret key go to a throwaway folder, never the developer's var/.
os.environ.setdefault("LFBL_VAR_DIR", tempfile.mkdtemp(prefix="lfbl-test-"))
# Unit tests run imports at once; the browser tests' server runs the real worker (served_site).
os.environ.setdefault("LFBL_IMPORT_QUEUE", "immediate")

from .base import *  # noqa: E402, F403

SERVE_MEDIA = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Off: tests change content with queryset updates and fixtures that send no signals, which a
# kept page would hide. pagecache/tests turn it on.
PAGE_CACHE_SECONDS = int(os.environ.get("LFBL_PAGE_CACHE_SECONDS", "0"))
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# A served test site (lfbl/tests/served_site.py) gives its own address; otherwise Django's test
# client's. (LFBL_BASE_URL is not read: `make` exports the local site's address.)
WAGTAILADMIN_BASE_URL = os.environ.get("LFBL_TEST_SITE_URL", "http://testserver")

WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise expects it to exist
# Each test's rolled-back changes leave the index ahead of the database; the next search must see
# that at once, not a second later (the two-server test sets the production value of 1 s).
SEARCH_INDEX_POLL_SECONDS = float(os.environ.get("LFBL_SEARCH_POLL_SECONDS", "0"))
