"""The passages of chosen documents, each with its closeness in meaning to a text.

Search ranks documents by their best passage; a caller that quotes (the site's "ask the library")
needs every passage of the few best documents, with the text as indexed (so a quote taken from it
is verbatim) and the cosine its stored vector gives against the query.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .snapshot import Snapshot


@dataclass(frozen=True)
class PassageMatch:
    """One passage as indexed. ``position`` 0 holds the key points (one per line)."""

    document: str  # the document's id, as given to ``Index.add``
    title: str
    url: str
    position: int
    heading: str
    anchor: str
    text: str
    similarity: float  # cosine with the query (0.0 where the passage has no vector)

    @property
    def is_key_points(self) -> bool:
        return self.position == 0


def document_passages(
    connection: sqlite3.Connection,
    snapshot: Snapshot,
    doc_ids: Sequence[str],
    vector: np.ndarray | None,
) -> list[PassageMatch]:
    """Every passage of ``doc_ids`` (in the order given, then by position)."""
    wanted = list(dict.fromkeys(str(d) for d in doc_ids))[:1000]
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = connection.execute(
        "SELECT d.id, d.doc_id, d.title, d.url, p.id, p.heading, p.anchor, p.text "
        f"FROM passages p JOIN documents d ON d.id = p.document WHERE d.doc_id IN ({marks}) "
        "ORDER BY p.id",
        wanted,
    ).fetchall()
    similarity = _similarities(snapshot, {r[0] for r in rows}, vector)
    order = {doc_id: i for i, doc_id in enumerate(wanted)}
    rows.sort(key=lambda r: (order[r[1]], r[4]))
    return [
        PassageMatch(
            document=doc_id,
            title=title,
            url=url,
            position=passage & 1023,
            heading=heading or "",
            anchor=anchor or "",
            text=text or "",
            similarity=similarity.get(passage, 0.0),
        )
        for _, doc_id, title, url, passage, heading, anchor, text in rows
    ]


def _similarities(
    snapshot: Snapshot, internal_ids: set[int], vector: np.ndarray | None
) -> dict[int, float]:
    """{passage id: cosine} from the in-memory vectors of these documents."""
    if vector is None or not internal_ids or not snapshot.matrix.shape[0]:
        return {}
    ids = np.array(sorted(internal_ids), dtype=np.int64)
    slots = snapshot.slots(ids)
    found: dict[int, float] = {}
    for slot, internal in zip(slots, ids, strict=True):
        if snapshot.doc_ids[slot] != internal:
            continue
        rows = snapshot.passage_rows(int(slot))
        if len(rows):
            cosines = snapshot.matrix[rows] @ vector
            for passage, cosine in zip(snapshot.vec_ids[rows], cosines, strict=True):
                found[int(passage)] = float(cosine)
    return found
