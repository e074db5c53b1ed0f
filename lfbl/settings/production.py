"""Production: PostgreSQL through DATABASE_URL, a secret key from the environment, HTTPS only."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ["LFBL_SECRET_KEY"]
SERVE_MEDIA = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.lower() not in ("0", "false", "no", "")


# HTTPS only. A proxy that terminates TLS says so with X-Forwarded-Proto (above); behind one that
# already redirects, LFBL_SSL_REDIRECT=false leaves redirecting to it. The health check answers
# over plain HTTP too, for load balancers that probe that way.
SECURE_SSL_REDIRECT = _flag("LFBL_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Browsers keep to HTTPS for a year (LFBL_HSTS_SECONDS=0 turns it off, for example while moving
# hosts). Subdomains are included unless LFBL_HSTS_SUBDOMAINS=false. Preloading is a request the
# domain's owner makes once to the browser makers, so it is off until LFBL_HSTS_PRELOAD=true.
SECURE_HSTS_SECONDS = int(os.environ.get("LFBL_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("LFBL_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("LFBL_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # preload is the domain owner's choice (above)

# The page cache is on in production (base.py). With one worker per core, 50 readers and an
# editor publishing every 3 s it served 156 requests a second instead of 53, 95th percentile
# 0.62 s instead of 1.2 s (bench/load_test.py, 30 s runs); with what pages keep per content
# version as well, 316-419 and 0.31-0.43 s (60 s runs, bench/results/load-test.txt).
# LFBL_PAGE_CACHE_SECONDS=0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("LFBL_PAGE_CACHE_SECONDS", "600"))

# One JSON object per log line (lfbl/logs.py); gunicorn's own logs: lfbl/gunicorn.conf.py.
from lfbl.logs import django_logging  # noqa: E402

LOGGING = django_logging(os.environ.get("LFBL_LOG_LEVEL", "INFO"))
