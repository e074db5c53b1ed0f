"""The search index's change log: which resources changed, written with the change itself.

Each web server keeps its own search index file (derived data, never shared). What they share is
the database, so every publish, unpublish, edit, move or delete of a resource adds a row here in
the same transaction as the change: a change that commits is always in the log, one that rolls
back never is, and a crash between the commit and the index update loses nothing. Each server's
index remembers the last row it applied and follows the rows after it (`search/index_sync.py`).
"""

from django.db import models
from django.utils import timezone


class IndexChange(models.Model):
    """One resource whose search document must be looked at again (added, replaced or removed).

    Only the page id is kept, not what changed: the follower reads the page as it is now, so
    applying a row twice, or out of order, gives the same index.
    """

    # Not a foreign key: the row must outlive the page it records the deletion of.
    page_id = models.BigIntegerField()
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"change {self.id}: page {self.page_id}"
