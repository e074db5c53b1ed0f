"""Settings for ``bench/search_latency.py`` only: the site as ``make run`` serves it, plus the
bench's Wagtail-search comparator routes (``search_bench_urls``). Never used by the site itself.

The bench points ``LFBL_VAR_DIR`` at ``var/bench/site-<library>/`` before loading these, so the
database, the search index and the secret key of each bench library live there.
"""

from lfbl.settings.base import *  # noqa: F403

ROOT_URLCONF = "search_bench_urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# No collectstatic step for a bench: {% static %} resolves names without the manifest.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
