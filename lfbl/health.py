"""`/healthz`: can this server answer? Database and search index reachable, media complete.

For load balancers and monitoring: JSON, no secrets (errors are named by kind, never by message,
which could hold a connection string). 503 when the database or the index cannot be read, so the
balancer stops sending traffic here; 200 with status "degraded" when files the database refers
to are missing (every other page still works, but someone must restore the media: see README,
Backups) or the index is behind the change log.
"""

import time

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from backups.media import missing_files
from search import index_sync, site_index

MEDIA_CHECK_SECONDS = 300
# The index follows the log within a second or two; far behind means it is not following.
INDEX_LAG_DEGRADED = 100
_media = {"until": 0.0, "missing": 0}


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True, "vendor": connection.vendor}


def _check_index() -> dict:
    index = site_index.get_index()
    return {"ok": True, "documents": len(index), "behind_change_log": index_sync.lag()}


def _check_media() -> dict:
    # Checking every file costs a stat each: done at most every five minutes per process.
    now = time.monotonic()
    if now >= _media["until"]:
        _media["missing"] = len(missing_files())
        _media["until"] = now + MEDIA_CHECK_SECONDS
    return {"ok": _media["missing"] == 0, "missing_files": _media["missing"]}


@never_cache
def healthz(request):
    checks = {}
    for name, check in (("database", _check_database), ("search_index", _check_index)):
        try:
            checks[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure means "not healthy"
            checks[name] = {"ok": False, "error": type(error).__name__}
    if checks["database"]["ok"]:
        try:
            checks["media"] = _check_media()
        except Exception as error:  # noqa: BLE001
            checks["media"] = {"ok": False, "error": type(error).__name__}
    if not (checks["database"]["ok"] and checks["search_index"]["ok"]):
        status = "error"
    elif not checks["media"]["ok"] or checks["search_index"]["behind_change_log"] > (
        INDEX_LAG_DEGRADED
    ):
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "error" else 200
    )
