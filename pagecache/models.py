"""The library's content version: where its change logs stand, read in one query.

Cached public pages are filed under the version they were rendered in. The version is two
values written in the same transaction as the change itself, so it is exactly as durable: no
server can keep serving a page from before a change that committed.

- The search change log's last row (`search.models.IndexChange`): every publish, unpublish,
  edit, move, delete or view restriction of a resource appends one.
- The content generation (`Generation`, one row): every other saved change (a theme or area
  page, a snippet, an image, a site setting ...) replaces it (`pagecache/signals.py`).
"""

import uuid
from dataclasses import dataclass

from django.db import connection, models

from search.models import IndexChange

ROW = 1


class Generation(models.Model):
    """The single row: a random value, replaced (not counted up) at each change, so a value a
    rolled-back transaction wrote is never written again."""

    token = models.CharField(max_length=32, default="")

    def __str__(self):
        return self.token


@dataclass(frozen=True)
class ContentVersion:
    """The generation and the change log's last row (its id and time: after a restore, or a
    rolled-back test on SQLite, an id can come back with another row)."""

    generation: str
    change_id: int
    changed_at: str


def content_version() -> ContentVersion:
    generation = connection.ops.quote_name(Generation._meta.db_table)
    log = connection.ops.quote_name(IndexChange._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT token FROM {generation} WHERE id = %s),"  # noqa: S608 - table names
            f" (SELECT id FROM {log} ORDER BY id DESC LIMIT 1),"
            f" (SELECT changed_at FROM {log} ORDER BY id DESC LIMIT 1)",
            [ROW],
        )
        token, change_id, changed_at = cursor.fetchone()
    return ContentVersion(token or "", change_id or 0, str(changed_at or ""))


def move_on() -> None:
    """Replace the generation, in the current transaction."""
    token = uuid.uuid4().hex
    if not Generation.objects.filter(pk=ROW).update(token=token):
        Generation.objects.get_or_create(pk=ROW, defaults={"token": token})
