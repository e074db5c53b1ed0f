"""Keep this server's search index in step with the database: follow the change log, heal gaps.

The index file is derived data. It records the last change-log row it applied (its `Position`);
before a search, `follow()` applies the rows written since (at most every
``SEARCH_INDEX_POLL_SECONDS``, so a busy server asks the database once a second, not once a
request). Applying a row reads the page as it is now and writes or removes its document, so
applying twice is harmless: a process killed halfway leaves the position where it was, and the
next one applies the same rows again.

When the index cannot say where it is in the log (a new or rebuilt file, a file killed during a
rebuild, a database restored from a backup), `check_and_repair()` compares every published
resource with the index (missing, stale and extra documents) and fixes what differs; this is
also what `manage.py check_search_index` runs.
"""

import fcntl
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from search import change_log, site_index
from search.change_log import Position

POSITION_KEY = "change_log_position"
# Where a fully checked index stands when the log is still empty.
LOG_START = Position(0, "")
BATCH = 500

_thread_lock = threading.Lock()
_next_poll = 0.0
_lock_file = None


@dataclass
class Differences:
    """What `check_and_repair` found: document ids missing from, stale in, or extra in the index."""

    checked: int = 0
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.extra)


def position(index=None) -> Position | None:
    """Where this server's index is in the change log (None: it must be checked in full)."""
    index = index or site_index.get_index()
    return Position.decode(index.get_meta(POSITION_KEY))


def set_position(index, where: Position | None) -> None:
    index.set_meta(POSITION_KEY, where.encode() if where else None)


def lag() -> int:
    """How many change-log rows this server's index has not applied yet (-1: unknown)."""
    where = position()
    latest = change_log.latest_position()
    if where is None:
        return -1
    if latest is None:
        return 0
    return max(latest.change_id - where.change_id, 0)


def current_index():
    """The index, brought up to date first (what the search views use)."""
    follow()
    index = site_index.get_index()
    _answered_from.position = position(index)
    return index


# Where in the change log the index stood when this thread last answered from it (the page cache
# keeps a search answer only if the index had applied every change the answer is filed under).
_answered_from = threading.local()
NOT_ASKED = object()


def forget_answered_from() -> None:
    _answered_from.position = NOT_ASKED


def answered_from():
    """The index's `Position` when this thread used it since `forget_answered_from()`, None
    when the index could not say, NOT_ASKED when the index was not used."""
    return getattr(_answered_from, "position", NOT_ASKED)


def follow(*, force: bool = False) -> int:
    """Apply the change-log rows this server's index has not seen; returns how many.

    Without ``force`` it asks the database at most every SEARCH_INDEX_POLL_SECONDS and never
    waits: if another thread or process on this server is already applying, the search goes on
    with the index as it is (it will be current in a moment). The process that made a change
    calls it with ``force`` after the commit, so the editor's own next search shows the change.
    """
    global _next_poll
    now = time.monotonic()
    if not force and now < _next_poll:
        return 0
    _next_poll = now + settings.SEARCH_INDEX_POLL_SECONDS
    if not _thread_lock.acquire(blocking=force):
        return 0
    try:
        with _server_lock(blocking=force) as locked:
            if not locked:
                return 0
            return _apply_log()
    finally:
        _thread_lock.release()


class _server_lock:
    """An exclusive lock beside the index file, shared by this server's processes (flock is
    released by the kernel when a process dies, so a `kill -9` never leaves it held)."""

    def __init__(self, blocking: bool):
        self.blocking = blocking
        self.locked = False

    def __enter__(self) -> bool:
        global _lock_file
        if _lock_file is None or _lock_file.closed:
            path = Path(settings.SEARCH_INDEX_PATH).with_suffix(".lock")
            path.parent.mkdir(parents=True, exist_ok=True)
            _lock_file = open(path, "a")  # noqa: SIM115 - kept open for the process's life
        flags = fcntl.LOCK_EX | (0 if self.blocking else fcntl.LOCK_NB)
        try:
            fcntl.flock(_lock_file.fileno(), flags)
        except BlockingIOError:
            return False
        self.locked = True
        return True

    def __exit__(self, *exc):
        if self.locked:
            fcntl.flock(_lock_file.fileno(), fcntl.LOCK_UN)


def _apply_log() -> int:
    index = site_index.get_index()
    where = position(index)
    if where is None:
        check_and_repair()
        return 0
    applied = 0
    while True:
        if where == LOG_START:
            rows = list(change_log.IndexChange.objects.order_by("id")[:BATCH])
            known = True
        else:
            rows, known = change_log.changes_since(where, BATCH)
        if not known:
            # The log this index followed is gone (restored database): compare in full.
            check_and_repair()
            return applied
        if not rows:
            return applied
        apply_pages({row.page_id for row in rows})
        where = change_log.position_of(rows[-1])
        set_position(index, where)
        applied += len(rows)
        if len(rows) < BATCH:
            return applied


def apply_pages(page_ids) -> None:
    """Write the current document of each page that is publicly visible; remove the others."""
    index = site_index.get_index()
    page_ids = set(page_ids)
    visible = list(site_index.visible_resources().filter(pk__in=page_ids))
    if visible:
        index.add([site_index.resource_document(page) for page in visible])
    gone = page_ids - {page.pk for page in visible}
    if gone:
        index.delete([str(page_id) for page_id in gone])


def check_and_repair(*, repair: bool = True, progress=None) -> Differences:
    """Compare every publicly visible resource with the index; with ``repair``, fix each
    difference and record the log position the comparison started from."""
    index = site_index.get_index()
    # Read before the pages: a change committed during the check is applied again afterwards.
    start = change_log.latest_position() or LOG_START
    indexed = index.fingerprints()
    found = Differences()
    pending = []
    seen = set()
    for page in site_index.visible_resources().iterator(chunk_size=200):
        document = site_index.resource_document(page)
        seen.add(document.id)
        found.checked += 1
        if progress:
            progress(1)
        stored = indexed.get(document.id)
        if stored is None:
            found.missing.append(document.id)
        elif stored != document.fingerprint():
            found.stale.append(document.id)
        else:
            continue
        pending.append(document)
        if repair and len(pending) >= 64:
            index.add(pending)
            pending = []
    found.extra = sorted(set(indexed) - seen)
    if repair:
        if pending:
            index.add(pending)
        if found.extra:
            index.delete(found.extra)
        set_position(index, start)
    return found


def forget_position() -> None:
    """Mark the index as unchecked (before a rebuild: if it dies halfway, the next follow()
    checks everything instead of trusting a half-built file)."""
    set_position(site_index.get_index(), None)


def reset_poll_timer() -> None:
    """Let the next `follow()` ask the database at once (tests; a restore)."""
    global _next_poll
    _next_poll = 0.0
