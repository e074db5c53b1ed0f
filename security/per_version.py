"""Values made from what the public sees, kept in each process until the library's content changes.

Much of every page is the same from one request to the next until something is published: the
footer's accessibility statement, the main navigation, the best bets a search can offer, an
area's peers, the facet table lists count from. Each was a few queries, paid on every render.
`per_version` keeps such a value until the library's content version moves on.

The version is the page cache's (`pagecache.models.content_version`): one small query, and moved
on in the same transaction as every change that could alter what the public sees, on whichever
server made it. This module sits below every app that shows pages and imports none of them; the
page cache hands the reading of the version over when the apps are ready (`follow`). Until it
does, nothing is kept and each call computes its value afresh.
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

_source: Callable[[], object] | None = None
_memos: list["_Memo"] = []
_pinned: ContextVar[object | None] = ContextVar("content_version", default=None)
# Values kept for one function under one version, at most: past it they are dropped and
# computed again, so arguments that come from a request can never grow a process without end.
MAX_KEPT = 1024


def follow(source: Callable[[], object]) -> None:
    """Read the content version with `source()` from now on (and forget everything kept)."""
    global _source
    _source = source
    forget()


def followed() -> bool:
    return _source is not None


@contextmanager
def pinned(version):
    """Take `version` as the content version inside: the page cache pins the version it has
    just read for the page it renders, so the page reads it once, not once per kept value.
    Only for work that changes nothing: a value computed from a change that is then rolled
    back would be kept under the version the change never left."""
    token = _pinned.set(version)
    try:
        yield
    finally:
        _pinned.reset(token)


def _version():
    version = _pinned.get()
    return _source() if version is None else version


def forget() -> None:
    """Drop every kept value (tests: a rolled-back transaction brings a version back)."""
    for memo in _memos:
        memo.clear()


class _Memo:
    def __init__(self):
        self.version = None
        self.values: dict = {}
        self.lock = threading.Lock()

    def clear(self):
        with self.lock:
            self.version, self.values = None, {}


def per_version(compute: Callable) -> Callable:
    """Keep `compute`'s result for each (hashable) set of arguments while the content version
    holds. A result must not be changed by those who read it."""
    memo = _Memo()
    _memos.append(memo)

    @wraps(compute)
    def kept(*args):
        if _source is None:
            return compute(*args)
        version = _version()
        with memo.lock:
            if memo.version == version and args in memo.values:
                return memo.values[args]
        value = compute(*args)
        with memo.lock:
            if memo.version != version or len(memo.values) >= MAX_KEPT:
                memo.version, memo.values = version, {}
            memo.values[args] = value
        return value

    return kept
