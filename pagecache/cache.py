"""Answer repeated anonymous GET and HEAD requests for public pages without rendering them again.

Rendering a page costs 15-70 ms of ORM and template work; the same page, unchanged, is asked for
again and again. A rendered answer is kept under its address and filed with the library's
content version (`pagecache.models.content_version`): the search change log's last row, which
every publish, unpublish, edit, move or delete of a resource appends in its own transaction, and
the content generation, which every other saved change moves on in its own transaction (an
answer made from the search index is kept only if the index had applied that row). Each
request reads the version (one query on two primary keys), so a change committed on any server is
seen by the very next request everywhere: no flush, no shared disk, nothing unpublished served.

Only what is the same for every anonymous visitor is kept: a GET (served to HEAD too) with no
session or messages cookie, no Authorization and no Range header, outside the admin, downloads
and health check; answered 200, not streamed, setting no cookie (a form's CSRF token sets one, so
pages with forms are never kept), not private, no-store or no-cache, and varying only by headers
that are part of the key. The answer is kept as the inner middleware left it; the outer
middleware (security headers, Content-Security-Policy) handles a kept answer as it would a fresh
one.

Each answer the cache could have given says what happened in `X-Page-Cache`, as caching proxies
do: `hit` (served from the cache) or `miss` (rendered now). Operators and the load test read it.
"""

import os
import threading

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import parse_http_date_safe

from pagecache.models import content_version
from search import index_sync
from security import per_version

NEVER = ("/admin/", "/django-admin/", "/documents/", "/media/", "/healthz", "/oai")
# Request headers an answer may depend on: each is part of the key.
KEYED_HEADERS = ("Accept", "Accept-Encoding", "Accept-Language", "Origin")
# What an answer may vary by: the keyed headers, and Cookie, since only requests without a
# session or messages cookie are answered from the cache (other cookies change nothing).
MAY_VARY_BY = {header.lower() for header in KEYED_HEADERS} | {"cookie"}
# After a change, many readers ask for the same page at once: one thread of the process renders
# it and the others wait for that answer instead of rendering it too (at most this long).
WAIT_FOR_RENDER_SECONDS = 10
STATUS_HEADER = "X-Page-Cache"
# Part of every key: gunicorn sets a new value for each run (lfbl/gunicorn.conf.py), so answers
# kept by the code before an upgrade are never served by the code after it.
SERVER_RUN = os.environ.get("LFBL_SERVER_RUN", "")
_rendering: dict[str, threading.Event] = {}
_rendering_lock = threading.Lock()


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.path.startswith(NEVER):
        return False
    if "Authorization" in request.headers or "Range" in request.headers:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cacheable_response(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or getattr(request, "session", None) and request.session.modified:
        return False
    directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    if directives & {"private", "no-store", "no-cache"}:
        return False
    varies = {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", "")) if h.strip()}
    return varies <= MAY_VARY_BY and "*" not in varies


def _index_was_current(version) -> bool:
    """Whether an answer made from this server's search index (search, suggestions, ask) saw
    every change its version names: the index follows the change log a moment behind the
    database, and an answer filed under a version its index had not reached would be kept
    stale until the next change."""
    used = index_sync.answered_from()
    if used is index_sync.NOT_ASKED:
        return True
    return used is not None and used.change_id == version.change_id


def _key(request) -> str:
    # get_host() validates the Host header against ALLOWED_HOSTS, as rendering would.
    headers = "|".join(request.headers.get(header, "") for header in KEYED_HEADERS)
    page = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{SERVER_RUN}:{page}|{headers}"


def _kept_answer(request, response):
    """A kept answer, or 304 to a conditional request when the browser's copy is still good."""
    response[STATUS_HEADER] = "hit"
    if not (response.has_header("ETag") or response.has_header("Last-Modified")):
        return response
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


class PageCacheMiddleware:
    """Answer from the cache when it can; keep what it may keep (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        store = caches[settings.PAGE_CACHE_ALIAS]
        key = _key(request)
        version = content_version()
        kept = store.get(key)
        if kept is not None and kept[0] == version:
            return _kept_answer(request, kept[1])
        with _rendering_lock:
            rendering = _rendering.get(key)
            leading = rendering is None
            if leading:
                rendering = _rendering[key] = threading.Event()
        if not leading:
            rendering.wait(WAIT_FOR_RENDER_SECONDS)
            kept = store.get(key)
            if kept is not None and kept[0] == version:
                return _kept_answer(request, kept[1])
            return self._render(request, store, key, version)
        try:
            return self._render(request, store, key, version)
        finally:
            with _rendering_lock:
                del _rendering[key]
            rendering.set()

    def _render(self, request, store, key, version):
        index_sync.forget_answered_from()
        with per_version.pinned(version):
            response = self.get_response(request)
        if _cacheable_response(request, response) and _index_was_current(version):
            if callable(getattr(response, "render", None)):
                response = response.render()
            store.set(key, (version, response), settings.PAGE_CACHE_SECONDS)
        response[STATUS_HEADER] = "miss"
        return response
