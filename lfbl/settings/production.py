"""Production: PostgreSQL through DATABASE_URL, a secret key from the environment, HTTPS only."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ["LFBL_SECRET_KEY"]
SERVE_MEDIA = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True

# One JSON object per log line (lfbl/logs.py); gunicorn's own logs: lfbl/gunicorn.conf.py.
from lfbl.logs import django_logging  # noqa: E402

LOGGING = django_logging(os.environ.get("LFBL_LOG_LEVEL", "INFO"))
