"""Serve repeated anonymous GET requests for public pages from memory, until content changes.

Rendering a page costs tens of milliseconds of ORM and template work; the same page, unchanged,
is asked for again and again. Each process keeps the responses it rendered, filed under the
content generation (`pagecache.models`) they were rendered in; it asks the database for the
current generation at most every PAGE_CACHE_POLL_SECONDS (and at once after a change of its
own), so a change made on any server is shown everywhere within that time.

Only what is the same for everyone is kept: GET or HEAD from a visitor with no session or
messages cookie, a 200 answer that sets no cookie, does not vary by cookie, is not marked
private or no-store, and is not streamed. The admin, document downloads and /healthz are never
cached. Headers are kept as rendered, so browsers and proxies see exactly what they saw before.
"""

import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import cc_delim_re, has_vary_header

from pagecache import models

NEVER = ("/admin/", "/django-admin/", "/documents/", "/healthz")
_state = {"generation": None, "checked": 0.0}
_lock = threading.Lock()


def changed_here() -> None:
    """This process changed content: ask for the new generation on the next request."""
    _state["checked"] = 0.0


def generation() -> str:
    now = time.monotonic()
    if _state["generation"] is None or now - _state["checked"] >= settings.PAGE_CACHE_POLL_SECONDS:
        with _lock:
            _state["generation"] = models.current()
            _state["checked"] = now
    return _state["generation"]


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.path.startswith(NEVER):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if has_vary_header(response, "Cookie"):
        return False
    directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & {"private", "no-store", "no-cache"}


def _key(request, generation: str) -> str:
    return f"page:{generation}:{request.scheme}:{request.get_host()}:{request.get_full_path()}"


class PageCacheMiddleware:
    """Answer from the cache when it can; keep what it may keep (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        store = caches[settings.PAGE_CACHE_ALIAS]
        key = _key(request, generation())
        cached = store.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            store.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
