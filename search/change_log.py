"""Writing and reading the search index's change log (`search.models.IndexChange`).

Rows are appended inside the transaction that changes the resource. Followers read "rows after
the last one I applied", which is only safe if a row with a lower id can never commit after one
with a higher id. SQLite runs one writing transaction at a time, so that holds there. PostgreSQL
runs them side by side, and a sequence hands out ids in the order they were asked for, not the
order the transactions commit: so on PostgreSQL each writer takes one transaction-scoped advisory
lock before appending, which makes appending transactions commit in id order. The lock is held
only from the append (at the end of a publish) to the commit.
"""

from dataclasses import dataclass

from django.db import connection

from search.models import IndexChange

# Any fixed 64-bit number; "LfBLsrch" in ASCII.
ADVISORY_LOCK = 0x4C66424C73726368 - (1 << 63)


@dataclass(frozen=True)
class Position:
    """A place in the log: the id of the last row applied and when that row was written.

    The time identifies the row: after a database restore (or a rolled-back test on SQLite,
    which can hand an id out again) a row with the same id but another time is a different row,
    and the follower knows its index no longer matches the log.
    """

    change_id: int
    changed_at: str

    def encode(self) -> str:
        return f"{self.change_id} {self.changed_at}"

    @classmethod
    def decode(cls, text: str | None) -> "Position | None":
        if not text:
            return None
        change_id, _, changed_at = text.partition(" ")
        return cls(int(change_id), changed_at)


def record_change(page_id: int) -> None:
    """Append a row for ``page_id`` to the log, in the current transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Released at commit or rollback, never held across transactions.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])
    IndexChange.objects.create(page_id=page_id)


def record_changes(page_ids) -> None:
    """Append one row per page (for example all the resources of a renamed theme)."""
    page_ids = list(dict.fromkeys(page_ids))
    if not page_ids:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])
    IndexChange.objects.bulk_create([IndexChange(page_id=page_id) for page_id in page_ids])


def position_of(change: IndexChange) -> Position:
    return Position(change.id, change.changed_at.isoformat())


def latest_position() -> Position | None:
    """Where the log ends now (None when it is empty)."""
    change = IndexChange.objects.order_by("-id").first()
    return position_of(change) if change else None


def changes_since(position: Position | None, limit: int) -> tuple[list[IndexChange], bool]:
    """(rows after ``position``, oldest first, at most ``limit``; whether ``position`` is still in
    the log). False means the index follows some other history: it must be checked in full."""
    if position is None:
        return list(IndexChange.objects.order_by("id")[:limit]), True
    rows = list(IndexChange.objects.filter(id__gte=position.change_id).order_by("id")[: limit + 1])
    if not rows or rows[0].id != position.change_id:
        return [], False
    if position_of(rows[0]) != position:
        return [], False
    return rows[1:], True
