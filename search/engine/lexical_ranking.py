"""BM25 over passages: which documents match an FTS5 expression, and the best ``k`` by score.

A document scores by its best passage (FTS5 ``bm25()`` with the column weights and k1 of
``SearchSettings``). Match sets are cached as masks in the snapshot, because common words recur
across queries and their match sets are the costly ones. In a large library, BM25 over very common
words is bounded (``ranking_skip``, ``semantic_pool``); see the engine README.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from . import lexical
from .query import ParsedQuery
from .settings import SearchSettings
from .snapshot import Snapshot

FTS5_K1 = 1.2  # fixed in SQLite's fts5_aux.c


def match_docs(connection: sqlite3.Connection, expression: str) -> np.ndarray:
    """Internal ids of documents with a passage matching an FTS5 expression."""
    # One string instead of a Python tuple per row: ~5x faster for 100,000 matches.
    (joined,) = connection.execute(
        "SELECT group_concat(rowid) FROM passages_fts WHERE passages_fts MATCH ?",
        (expression,),
    ).fetchone()
    if not joined:
        return np.zeros(0, dtype=np.int64)
    # Parsed in C (20x faster than splitting); repeated ids are fine for ``mask_of``.
    return np.fromstring(joined, dtype=np.int64, sep=",") >> 10


def match_mask(connection: sqlite3.Connection, snapshot: Snapshot, expression: str) -> np.ndarray:
    """Documents matching one clause, as a mask; cached until the index changes."""
    mask = snapshot.cached_mask(expression)
    if mask is None:
        mask = snapshot.mask_of(match_docs(connection, expression))
        snapshot.cache_mask(expression, mask)
    return mask


def ranking_skip(
    connection: sqlite3.Connection, snapshot: Snapshot, parsed: ParsedQuery, s: SearchSettings
) -> tuple[frozenset[str], int]:
    """(terms left out of BM25 ranking, documents the ranking reads): words in more than
    ``common_term_share`` of documents only filter (BM25 gives them almost no weight)."""
    vocabulary = snapshot.vocabulary(connection)
    documents = max(snapshot.size, 1)
    frequency = {}
    unknown = False  # a prefix or a multi-word synonym: its document count is not at hand
    for clause in parsed.free:
        terms = [] if clause.prefix else lexical.clause_terms(clause)
        unknown = unknown or not terms
        for term in terms:
            frequency[term] = vocabulary.terms.get(term, 0)
    if not frequency:
        return frozenset(), documents if unknown else 0
    # Document counts stand in for passage counts (a document has a few passages).
    skip = {t for t, df in frequency.items() if df == 0 or df > s.common_term_share * documents}
    if len(skip) == len(frequency) and not parsed.required and not parsed.expansions:
        # Every word is that common: the least common still ranks if that is affordable
        # (in a large library, meaning ranks their documents instead).
        present = sorted((df, t) for t, df in frequency.items() if df > 0)
        if present and present[0][0] <= s.ranking_document_budget:
            skip.discard(present[0][1])
    cost = documents if unknown else sum(df for t, df in frequency.items() if t not in skip)
    return frozenset(skip), cost


def semantic_pool(semantic_best: np.ndarray, matching: np.ndarray, s: SearchSettings) -> np.ndarray:
    """The ``semantic_pool`` lexical matches closest in meaning, as a mask: where BM25 would
    read more than ``ranking_document_budget`` documents' postings and more documents than
    that match (common words in a large library), it scores only these. Scoring is FTS5's cost
    (reading which passages match is cheap), so this bounds a query's work, and the documents
    left out are the ones fusion would rank low anyway: their meaning is far from the query and
    their words are common."""
    closeness = np.where(matching, semantic_best, -np.inf)
    take = min(s.semantic_pool, int(np.isfinite(closeness).sum()))
    pool = np.zeros(len(matching), dtype=bool)
    if take:
        pool[np.argpartition(-closeness, take - 1)[:take]] = True
    return pool


def bm25_weights(s: SearchSettings, k1: float) -> tuple[tuple[float, ...], float]:
    """(FTS5 column weights, score scale) for BM25 with ``k1``.

    FTS5's bm25() has k1 fixed at 1.2. Multiplying every column weight by c = 1.2 / k1 scales
    each term frequency by c, and c·tf / (c·tf + 1.2·L) = tf / (tf + k1·L): the same saturation
    as BM25 with k1. The factor left over, (1.2 + 1) / (k1 + 1), is the same for every term and
    row; multiplying the score by its inverse gives BM25's own value, at no cost."""
    c = FTS5_K1 / k1
    weights = (s.title_weight, s.key_points_weight, s.heading_weight, s.body_weight)
    return tuple(w * c for w in weights), (k1 + 1) / (FTS5_K1 + 1)


def lexical_top(
    connection: sqlite3.Connection,
    snapshot: Snapshot,
    s: SearchSettings,
    expression: str,
    k: int,
    allowed: np.ndarray | None,
    k1: float | None = None,
) -> tuple[np.ndarray, np.ndarray, dict[int, int]]:
    """The best ``k`` documents by BM25 of their best passage: (slots, scores, best passage).
    ``k1`` defaults to ``s.bm25_k1`` (lexical ranking); hybrid ranking passes its own."""
    sql = (
        "SELECT rowid, -bm25(passages_fts, ?, ?, ?, ?) * ? AS score FROM passages_fts "
        "WHERE passages_fts MATCH ? ORDER BY score DESC LIMIT ?"
    )
    weights, scale = bm25_weights(s, s.bm25_k1 if k1 is None else k1)
    fetch = max(3 * k, 64)
    parameters: tuple = (*weights, scale, expression)
    if allowed is not None and allowed.sum() < 0.5 * len(allowed):
        # A narrow filter: let SQLite skip other documents' passages before scoring them.
        # The ids travel as one JSON array (SQLite builds its IN-set once): ~10x cheaper than
        # inserting 10,000 rows into a temporary table.
        sql = sql.replace(
            "ORDER BY", "AND (rowid >> 10) IN (SELECT value FROM json_each(?)) ORDER BY"
        )
        ids = snapshot.doc_ids[allowed]
        parameters += ("[" + ",".join(map(str, ids.tolist())) + "]",)
    while True:
        rows = connection.execute(sql, (*parameters, fetch)).fetchall()
        slots, scores, best = _best_per_document(snapshot, rows, k, allowed)
        if len(slots) >= k or len(rows) < fetch:
            return np.array(slots, dtype=np.int64), np.array(scores), best
        fetch *= 4


def _best_per_document(
    snapshot: Snapshot, rows: list, k: int, allowed: np.ndarray | None
) -> tuple[list[int], list[float], dict[int, int]]:
    """From passages in score order, each document's first (best) one, up to ``k`` documents."""
    slots: list[int] = []
    scores: list[float] = []
    best: dict[int, int] = {}
    if not rows:
        return slots, scores, best
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    row_slots = snapshot.slots(ids >> 10)
    present = snapshot.doc_ids[row_slots] == (ids >> 10)
    for (passage, score), slot, ok in zip(rows, row_slots, present, strict=True):
        slot = int(slot)
        if not ok or slot in best or (allowed is not None and not allowed[slot]):
            continue
        best[slot] = passage
        slots.append(slot)
        scores.append(score)
        if len(slots) >= k:
            break
    return slots, scores, best
