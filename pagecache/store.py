"""Where a server keeps its rendered pages: Django's file cache, culled less often.

The file cache makes room before every write by listing its whole folder (up to `MAX_ENTRIES`
files) to count them. Under 50 readers that listing was 4% of a worker's time, for a count that
changes by one. Here a process culls at most once every `CULL_EVERY_SECONDS`, so the folder can
hold a few hundred pages more than `MAX_ENTRIES` between culls; what a cull removes, and how,
is Django's.
"""

import threading
import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY_SECONDS = 10.0
_last_cull: dict[str, float] = {}
_lock = threading.Lock()


class PageStore(FileBasedCache):
    def _cull(self):
        now = time.monotonic()
        with _lock:
            if now - _last_cull.get(self._dir, -CULL_EVERY_SECONDS) < CULL_EVERY_SECONDS:
                return
            _last_cull[self._dir] = now
        super()._cull()
