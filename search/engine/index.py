"""The search index: add, delete and search documents in one SQLite file.

Pure Python + SQLite (no Django), so the site, the evaluation and the benchmarks all index through
this same class. Lexical ranking is FTS5 ``bm25()`` with field weights over passages; semantic
ranking is cosine similarity of MiniLM passage embeddings; a document scores by its best passage;
the two rankings are fused as ``SearchSettings`` says. A query runs through the named stages of
``pipeline.QueryRun``; this class keeps the file, the in-memory snapshot and the caches.

The result set of a query is every document with a lexical match plus every document whose best
passage is at least ``min_similarity`` close in meaning; facet counts and the total cover all of
it, while only the top candidates of each ranking are scored for the page.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

from . import analysis, lexical, partitions, storage
from .documents import Document, passages_of
from .embeddings import Embedder, default_embedder
from .passages import PassageMatch, document_passages
from .pipeline import QueryRun
from .query import Query
from .results import SearchResults
from .settings import MODES, SearchSettings
from .snapshot import Snapshot

DEFAULT = "default"
MAX_LIMIT = 1000


class Index:
    """A search index stored at ``path`` (created if missing).

    ``synonyms`` maps a word or phrase to its equivalents (each entry is a two-way group);
    ``embedder`` is ``"default"`` (the bundled ONNX MiniLM, loaded on first use), another object
    with ``name``, ``dimensions`` and ``embed()``, or None for a lexical-only index.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        synonyms: Mapping[str, Iterable[str]] | None = None,
        settings: SearchSettings | None = None,
        embedder: Embedder | str | None = DEFAULT,
        passage_words: int = 200,
    ):
        self.path = str(path)
        self.settings = settings or SearchSettings()
        self.passage_words = passage_words
        self._embedder = embedder
        self._local = threading.local()
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self.synonyms = lexical.Synonyms(synonyms)
        storage.create_schema(self.connection)
        self.snapshot = Snapshot(self.dimensions)

    # -- plumbing ----------------------------------------------------------------------------------
    @property
    def connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = storage.connect(self.path)
            self._local.connection = connection
        return connection

    @property
    def embedder(self) -> Embedder | None:
        if self._embedder == DEFAULT:
            self._embedder = default_embedder()
        return self._embedder  # type: ignore[return-value]

    @property
    def dimensions(self) -> int:
        if self._embedder is None:
            return 0
        if self._embedder == DEFAULT:
            return 384
        return int(self._embedder.dimensions)  # type: ignore[union-attr]

    def set_synonyms(self, synonyms: Mapping[str, Iterable[str]] | None) -> None:
        """Replace the synonym groups (for example after the glossary changed); no reindex needed."""
        self.synonyms = lexical.Synonyms(synonyms)

    def clear_caches(self) -> None:
        """Forget cached query embeddings and match sets (for fair timing)."""
        self._query_vectors.clear()
        self.snapshot.clear_masks()

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def __len__(self) -> int:
        return self.connection.execute("SELECT count(*) FROM documents").fetchone()[0]

    def __contains__(self, doc_id: str) -> bool:
        row = self.connection.execute(
            "SELECT 1 FROM documents WHERE doc_id = ?", (str(doc_id),)
        ).fetchone()
        return row is not None

    # -- writing -----------------------------------------------------------------------------------
    def add(
        self,
        documents: Iterable[Document],
        *,
        batch_size: int = 64,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Index documents, replacing any with the same id. Returns how many were written.

        Each batch is one transaction, so a failure never leaves a document half-written.
        Passages whose text was embedded before (same text, same model) reuse their vector.
        """
        written = 0
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                written += self._add_batch(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            written += self._add_batch(batch)
            if progress:
                progress(len(batch))
        return written

    def _add_batch(self, documents: list[Document]) -> int:
        connection = self.connection
        embedder = self.embedder
        model = embedder.name if embedder is not None else ""
        prepared = []
        for document in documents:
            passages = passages_of(document, self.passage_words)
            texts = [storage.embedding_text(document, p) for p in passages]
            hashes = [storage.text_hash(t, model) for t in texts]
            prepared.append((document, passages, texts, hashes))
        vectors: dict[str, bytes] = {}
        if embedder is not None:
            all_hashes = [h for *_, hashes in prepared for h in hashes]
            vectors = storage.known_vectors(connection, all_hashes)
            # One document's passages per call: the int8 model quantises each call's input as a
            # whole, so a vector depends on what it was embedded with. Per document, a rebuilt
            # or repaired index holds the same vectors (and ranks the same) as one built publish
            # by publish.
            for _, _, texts, hashes in prepared:
                missing: dict[str, str] = {}
                for text, digest in zip(texts, hashes, strict=True):
                    if digest not in vectors:
                        missing[digest] = text
                if missing:
                    embedded = embedder.embed(list(missing.values()))
                    for digest, vector in zip(missing, embedded, strict=True):
                        vectors[digest] = storage.vector_bytes(vector)
        connection.execute("BEGIN IMMEDIATE")
        try:
            for document, passages, _, hashes in prepared:
                storage.write_document(
                    connection, document, passages, [vectors.get(h) for h in hashes], hashes
                )
            storage.prune_changes(connection)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        if embedder is not None:
            partitions.maintain(connection, self.dimensions)
        return len(prepared)

    def delete(self, doc_ids: Iterable[str]) -> int:
        """Remove documents by id; unknown ids are ignored. Returns how many were removed."""
        connection = self.connection
        removed = 0
        connection.execute("BEGIN IMMEDIATE")
        try:
            for doc_id in doc_ids:
                row = connection.execute(
                    "SELECT id FROM documents WHERE doc_id = ?", (str(doc_id),)
                ).fetchone()
                if row:
                    storage.delete_document(connection, row[0])
                    storage.log_change(connection, row[0])
                    removed += 1
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return removed

    def clear(self) -> None:
        """Remove every document (the schema and the change log stay)."""
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            ids = [r[0] for r in connection.execute("SELECT id FROM documents")]
            for table in ("passages_fts", "passages", "vectors", "facets", "words", "documents"):
                connection.execute(f"DELETE FROM {table}")
            connection.executemany("INSERT INTO changes(document) VALUES (?)", [(i,) for i in ids])
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def optimise(self) -> None:
        """Group vectors into partitions if the index is large (done by ``add`` as it grows)."""
        if self.dimensions:
            partitions.maintain(self.connection, self.dimensions)

    def doc_ids(self) -> list[str]:
        return [r[0] for r in self.connection.execute("SELECT doc_id FROM documents ORDER BY id")]

    def fingerprints(self) -> dict[str, str]:
        """Each document's ``Document.fingerprint()`` as indexed ('' for files made before them)."""
        return dict(self.connection.execute("SELECT doc_id, fingerprint FROM documents"))

    def get_meta(self, key: str) -> str | None:
        """A value the application keeps in the index file (None if never set)."""
        row = self.connection.execute(
            "SELECT value FROM meta WHERE key = ?", ("app:" + key,)
        ).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        """Keep (or with None forget) an application value in the index file."""
        if value is None:
            self.connection.execute("DELETE FROM meta WHERE key = ?", ("app:" + key,))
        else:
            self.connection.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", ("app:" + key, value)
            )

    # -- reading -----------------------------------------------------------------------------------
    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Completions for what the user is typing: the last word completed from the index's
        most common words, keeping what came before it."""
        try:
            text = (prefix or "")[:200]
            if not text.strip() or not text[-1].isalnum():
                return []
            head, _, last = text.rstrip().rpartition(" ")
            words = analysis.words(last)
            if not words:
                return []
            stem = words[-1]
            rows = self.connection.execute(
                "SELECT word FROM words WHERE word >= ? AND word < ? "
                "ORDER BY documents DESC, word LIMIT ?",
                (stem, stem + "\U0010ffff", max(1, min(int(limit), 50))),
            ).fetchall()
            before = " ".join(head.split())
            return [f"{before} {w}".strip() for (w,) in rows]
        except (sqlite3.Error, ValueError, TypeError):
            return []

    def query_vector(self, text: str) -> np.ndarray | None:
        """The query's embedding (the last 256 are kept: a page of results asks more than once)."""
        embedder = self.embedder
        if embedder is None or not text:
            return None
        vector = self._query_vectors.get(text)
        if vector is None:
            vector = embedder.embed([text])[0]
            self._query_vectors[text] = vector
            if len(self._query_vectors) > 256:
                self._query_vectors.popitem(last=False)
        return vector

    def passages(self, doc_ids: Sequence[str], text: str = "") -> list[PassageMatch]:
        """Every passage of these documents, as indexed, with its cosine to ``text``'s
        embedding (for quoting: see ``passages.py``). Unknown ids are ignored."""
        with self.snapshot.lock:
            self.snapshot.sync(self.connection)
            vector = self.query_vector(text) if self.dimensions and text.strip() else None
            return document_passages(self.connection, self.snapshot, doc_ids, vector)

    def document_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        """({term: documents holding it}, documents in the index), for weighting words."""
        with self.snapshot.lock:
            self.snapshot.sync(self.connection)
            known = self.snapshot.vocabulary(self.connection).terms
            return {t: known.get(t, 0) for t in terms}, self.snapshot.size

    def search(self, query: Query | str) -> SearchResults:
        """Run a query. Never raises on user input: bad syntax just matches less."""
        started = time.perf_counter()
        if isinstance(query, str):
            query = Query(text=query)
        query = _sanitise(query)
        try:
            # One search at a time per process reads the in-memory snapshot, so a refresh by
            # another thread never swaps arrays under a running query.
            with self.snapshot.lock:
                results = QueryRun(self, query).results()
        except sqlite3.OperationalError:
            # A pathological expression (FTS5 limits): answer with no results, not an error.
            results = SearchResults(query=query, hits=[], total=0)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results


def _sanitise(query: Query) -> Query:
    """Clamp what a URL can carry: negative offsets, huge limits, unknown modes and sorts."""
    from dataclasses import replace

    filters = {}
    for facet, values in (query.filters or {}).items():
        if isinstance(facet, str) and facet:
            if isinstance(values, str):
                values = [values]
            filters[facet] = [str(v) for v in values if str(v)][:100]
    return replace(
        query,
        text=str(query.text or ""),
        filters=filters,
        sort=query.sort if query.sort in ("relevance", "date") else "relevance",
        offset=max(0, min(int(query.offset or 0), 100_000)),
        limit=max(0, min(int(query.limit if query.limit is not None else 10), MAX_LIMIT)),
        mode=query.mode if query.mode in MODES else None,
    )
