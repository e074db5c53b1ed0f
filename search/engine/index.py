"""The search index: add, delete and search documents in one SQLite file.

Pure Python + SQLite (no Django), so the site, the evaluation and the benchmarks all index through
this same class. Lexical ranking is FTS5 ``bm25()`` with field weights over passages; semantic
ranking is cosine similarity of MiniLM passage embeddings; a document scores by its best passage;
the two rankings are fused as ``SearchSettings`` says.

The result set of a query is every document with a lexical match plus every document whose best
passage is at least ``min_similarity`` close in meaning; facet counts and the total cover all of
it, while only the top candidates of each ranking are scored for the page.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np

from . import analysis, highlight, lexical, partitions, spelling, storage
from .documents import Document, passages_of
from .embeddings import Embedder, default_embedder
from .fusion import fuse, query_weight
from .query import FACETS, ParsedQuery, Query, parse
from .results import FacetValue, Hit, SearchResults
from .settings import MODES, SearchSettings
from .snapshot import Snapshot, decode_data

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

    def _query_vector(self, text: str) -> np.ndarray | None:
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

    def _match_docs(self, expression: str) -> np.ndarray:
        """Internal ids of documents with a passage matching an FTS5 expression."""
        # One string instead of a Python tuple per row: ~5x faster for 100,000 matches.
        (joined,) = self.connection.execute(
            "SELECT group_concat(rowid) FROM passages_fts WHERE passages_fts MATCH ?",
            (expression,),
        ).fetchone()
        if not joined:
            return np.zeros(0, dtype=np.int64)
        # Parsed in C (20x faster than splitting); repeated ids are fine for ``mask_of``.
        return np.fromstring(joined, dtype=np.int64, sep=",") >> 10

    def _match_mask(self, expression: str) -> np.ndarray:
        """Documents matching one clause, as a mask; cached until the index changes (common
        words recur across queries, and their match sets are the costly ones)."""
        snapshot = self.snapshot
        mask = snapshot.cached_mask(expression)
        if mask is None:
            mask = snapshot.mask_of(self._match_docs(expression))
            snapshot.cache_mask(expression, mask)
        return mask

    def _ranking_skip(self, parsed: ParsedQuery, s: SearchSettings) -> tuple[frozenset[str], int]:
        """(terms left out of BM25 ranking, documents the ranking reads): words in more than
        ``common_term_share`` of documents only filter (BM25 gives them almost no weight)."""
        vocabulary = self.snapshot.vocabulary(self.connection)
        documents = max(self.snapshot.size, 1)
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

    def _semantic_pool(
        self, semantic_best: np.ndarray, matching: np.ndarray, s: SearchSettings
    ) -> np.ndarray:
        """The ``semantic_pool`` lexical matches closest in meaning, as a mask: where BM25 would
        read more than ``ranking_document_budget`` documents' postings and more documents than
        that match (common words in a large library), it scores only these. Scoring is FTS5's cost (reading which passages match is cheap), so
        this bounds a query's work, and the documents left out are the ones fusion would rank
        low anyway: their meaning is far from the query and their words are common."""
        closeness = np.where(matching, semantic_best, -np.inf)
        take = min(s.semantic_pool, int(np.isfinite(closeness).sum()))
        pool = np.zeros(len(matching), dtype=bool)
        if take:
            pool[np.argpartition(-closeness, take - 1)[:take]] = True
        return pool

    def _lexical_top(
        self, expression: str, k: int, allowed: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray, dict[int, int]]:
        """The best ``k`` documents by BM25 of their best passage: (slots, scores, best passage)."""
        s = self.settings
        sql = (
            "SELECT rowid, -bm25(passages_fts, ?, ?, ?, ?) AS score FROM passages_fts "
            "WHERE passages_fts MATCH ? ORDER BY score DESC LIMIT ?"
        )
        weights = (s.title_weight, s.key_points_weight, s.heading_weight, s.body_weight)
        fetch = max(3 * k, 64)
        parameters: tuple = (*weights, expression)
        if allowed is not None and allowed.sum() < 0.5 * len(allowed):
            # A narrow filter: let SQLite skip other documents' passages before scoring them.
            # The ids travel as one JSON array (SQLite builds its IN-set once): ~10x cheaper than
            # inserting 10,000 rows into a temporary table.
            sql = sql.replace(
                "ORDER BY", "AND (rowid >> 10) IN (SELECT value FROM json_each(?)) ORDER BY"
            )
            ids = self.snapshot.doc_ids[allowed]
            parameters += ("[" + ",".join(map(str, ids.tolist())) + "]",)
        while True:
            rows = self.connection.execute(sql, (*parameters, fetch)).fetchall()
            slots, scores, best = [], [], {}
            snapshot = self.snapshot
            if rows:
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
            if len(slots) >= k or len(rows) < fetch:
                return np.array(slots, dtype=np.int64), np.array(scores), best
            fetch *= 4

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
                results = self._search(query)
        except sqlite3.OperationalError:
            # A pathological expression (FTS5 limits): answer with no results, not an error.
            results = SearchResults(query=query, hits=[], total=0)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    def _search(self, query: Query) -> SearchResults:
        s = self.settings
        mode = query.mode or s.mode
        if self.embedder is None or not self.dimensions:
            mode = "lexical"
        snapshot = self.snapshot
        snapshot.sync(self.connection)
        filters = {f: list(v) for f, v in query.filters.items() if v}
        parsed = parse(query.text)
        self.synonyms.expand(parsed)
        corrections: dict[str, str] = {}
        if s.typo_tolerance and parsed.free:
            corrections = spelling.correct(parsed, snapshot.vocabulary(self.connection))

        n = snapshot.size
        browse = not query.text.strip()
        constraint = np.ones(n, dtype=bool)
        relaxed = False
        for expression in lexical.required_expressions(parsed):
            constraint &= self._match_mask(expression)
        if parsed.required and not constraint.any():
            # No document has every quoted phrase: rank by them instead of returning nothing.
            constraint[:] = True
            relaxed = True
        excluded = lexical.exclusion_expression(parsed)
        if excluded:
            constraint &= ~self._match_mask(excluded)

        lexical_mask = np.zeros(n, dtype=bool)
        semantic_best = None
        query_vector = None
        clauses = lexical.match_clauses(parsed, s.max_query_terms)
        expression = " OR ".join(clauses) if clauses else None
        rank_expression = expression
        ranking_cost = 0
        if expression and mode == "hybrid":
            skip, ranking_cost = self._ranking_skip(parsed, s)
            if skip:
                rank_expression = lexical.match_expression(parsed, s.max_query_terms, skip)
        if browse:
            base = np.ones(n, dtype=bool)
        else:
            if expression and mode in ("hybrid", "lexical"):
                for clause in dict.fromkeys(clauses):
                    lexical_mask |= self._match_mask(clause)
            if mode in ("hybrid", "semantic") and snapshot.matrix.shape[0]:
                query_vector = self._query_vector(parsed.embedding_text)
            semantic_mask = np.zeros(n, dtype=bool)
            if query_vector is not None and not parsed.is_empty:
                rows, cosines = snapshot.nearest_rows(query_vector)
                semantic_best = np.full(n, -np.inf, dtype=np.float32)
                np.maximum.at(semantic_best, snapshot.vec_slot[rows], cosines)
                semantic_mask = semantic_best >= s.min_similarity
            base = (lexical_mask | semantic_mask) & constraint

        filtered = constraint & snapshot.filter_mask(filters)
        selected = base & filtered
        total = int(selected.sum())
        want = query.offset + query.limit

        # Rank the candidates.
        scores: dict[int, float] = {}
        best_passage: dict[int, int] = {}
        if browse or query.sort == "date":
            ranked_slots = np.flatnonzero(selected)
        else:
            k = max(s.candidates, want)
            lex_slots = np.zeros(0, dtype=np.int64)
            lex_scores = np.zeros(0)
            if rank_expression and mode in ("hybrid", "lexical"):
                # Lexical matches are results by definition: only filters narrow the ranking.
                allowed = None if filtered.all() else filtered
                matching = lexical_mask & filtered
                if (
                    semantic_best is not None
                    and ranking_cost > s.ranking_document_budget
                    and int(matching.sum()) > s.ranking_document_budget
                ):
                    allowed = self._semantic_pool(semantic_best, matching, s)
                lex_slots, lex_scores, best_passage = self._lexical_top(rank_expression, k, allowed)
                if semantic_best is not None and snapshot.partitioned and len(lex_slots):
                    semantic_best[lex_slots] = snapshot.exact_best(lex_slots, query_vector)
            sem_slots = np.zeros(0, dtype=np.int64)
            if semantic_best is not None:
                masked = np.where(selected, semantic_best, -np.inf)
                top = min(k, int(np.isfinite(masked).sum()))
                if top:
                    sem_slots = np.argpartition(-masked, top - 1)[:top]
                    if mode == "hybrid":
                        sem_slots = sem_slots[masked[sem_slots] >= s.min_similarity]
            if mode == "lexical" or semantic_best is None:
                candidates, fused = lex_slots, lex_scores
            elif mode == "semantic":
                candidates, fused = sem_slots, semantic_best[sem_slots].astype(np.float64)
            else:
                extra = np.zeros(0, dtype=np.int64)
                if int((lexical_mask & selected).sum()) > len(lex_slots):
                    # Lexical matches the BM25 list did not reach (common words, or beyond k)
                    # still compete, by meaning.
                    known = np.where(np.isfinite(semantic_best), semantic_best, -2.0)
                    pool = np.where(lexical_mask & selected, known, -np.inf)
                    pool[lex_slots] = -np.inf
                    available = int((lexical_mask & selected).sum()) - len(lex_slots)
                    take = min(k, max(available, 0))
                    if take:
                        extra = np.argpartition(-pool, take - 1)[:take]
                candidates = np.unique(np.concatenate([lex_slots, sem_slots, extra]))
                lex_raw = np.zeros(len(candidates))
                position = {int(slot): i for i, slot in enumerate(candidates)}
                for slot, score in zip(lex_slots, lex_scores, strict=True):
                    lex_raw[position[int(slot)]] = score
                truncated = len(lex_slots) >= k
                floor = float(lex_scores.min()) if truncated else 0.0
                # Lexical matches beyond the top k rank below it: give them its lowest score.
                beyond = lexical_mask[candidates] & (lex_raw == 0)
                lex_raw[beyond] = floor
                semantic = semantic_best[candidates]
                semantic = np.where(
                    np.isfinite(semantic), semantic, 0.0
                )  # passages without vectors
                weight = query_weight(
                    lex_raw,
                    semantic,
                    s.semantic_weight,
                    s.low_agreement_semantic_weight,
                    s.agreement_depth,
                    s.min_agreement,
                )
                fused = fuse(
                    lex_raw,
                    semantic,
                    weight,
                    s.normalisation,
                    lexical_present=lex_raw > 0,
                    rrf_k=s.rrf_k,
                )
            order = np.argsort(-np.asarray(fused, dtype=np.float64), kind="stable")
            ranked_slots = np.asarray(candidates, dtype=np.int64)[order]
            scores = {int(c): float(f) for c, f in zip(candidates, fused, strict=True)}
        if (browse or query.sort == "date") and len(ranked_slots):  # browsing lists newest first
            dates = snapshot.sort_dates[ranked_slots]
            ranked_slots = ranked_slots[np.argsort(dates, kind="stable")[::-1]]
        page = [int(x) for x in ranked_slots[query.offset : want]]

        hits = self._hits(page, scores, best_passage, semantic_best, parsed, corrections, query)
        facets = self._facets(base, filters) if query.facets else {}
        return SearchResults(
            query=query,
            hits=hits,
            total=total,
            facets=facets,
            did_you_mean=spelling.did_you_mean(query.text, corrections),
            corrections=corrections,
            phrases_relaxed=relaxed,
            mode=mode,
        )

    def _facets(self, base: np.ndarray, filters: dict[str, list[str]]) -> dict[str, list]:
        snapshot = self.snapshot
        facets: dict[str, list[FacetValue]] = {}
        shared = None  # facets without a filter of their own all count the same documents
        for facet in FACETS:
            if facet in filters:
                codes = snapshot.code_counts(base & snapshot.filter_mask(filters, skip=facet))
            else:
                if shared is None:
                    shared = snapshot.code_counts(base & snapshot.filter_mask(filters))
                codes = shared
            counts = snapshot.facet_counts(codes, facet)
            chosen = set(filters.get(facet, ()))
            for value in chosen - counts.keys():
                counts[value] = 0
            if facet == "year":
                ordered = sorted(counts.items(), key=lambda kv: kv[0], reverse=True)
            else:
                ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            facets[facet] = [FacetValue(v, c, v in chosen) for v, c in ordered]
        return facets

    def _hits(
        self,
        page: list[int],
        scores: dict[int, float],
        best_passage: dict[int, int],
        semantic_best: np.ndarray | None,
        parsed: ParsedQuery,
        corrections: dict[str, str],
        query: Query,
    ) -> list[Hit]:
        if not page:
            return []
        snapshot = self.snapshot
        internal = [int(snapshot.doc_ids[slot]) for slot in page]
        marks = ",".join("?" * len(internal))
        documents = {
            row[0]: row
            for row in self.connection.execute(
                f"SELECT id, doc_id, title, url, data FROM documents WHERE id IN ({marks})",
                internal,
            )
        }
        terms = parsed.highlight_terms()
        phrases = parsed.highlight_phrases()
        passage_for: dict[int, int] = {}
        for slot, doc in zip(page, internal, strict=True):
            passage = best_passage.get(slot)
            if passage is None and semantic_best is not None and snapshot.matrix.shape[0]:
                rows = snapshot.passage_rows(slot)
                if len(rows):
                    vector = self._query_vector(parsed.embedding_text)
                    if vector is not None:
                        sims = snapshot.matrix[rows] @ vector
                        passage = int(snapshot.vec_ids[rows[int(np.argmax(sims))]])
            if passage is None:
                passage = self._first_matching_passage(doc, terms)
            passage_for[slot] = passage
        passages = {}
        wanted = [p for p in passage_for.values() if p is not None]
        if wanted and query.snippets:
            marks = ",".join("?" * len(wanted))
            for row in self.connection.execute(
                f"SELECT id, heading, anchor, text FROM passages WHERE id IN ({marks})", wanted
            ):
                passages[row[0]] = row
        hits = []
        for slot, doc in zip(page, internal, strict=True):
            row = documents.get(doc)
            if row is None:
                continue
            data = decode_data(row[4])
            passage = passages.get(passage_for.get(slot))
            heading = anchor = snippet = ""
            if passage is not None:
                _, heading, anchor, text = passage
                snippet = highlight.snippet(text, terms, phrases)
            score = scores.get(slot, 0.0)
            hits.append(
                Hit(
                    id=row[1],
                    title=row[2],
                    url=row[3],
                    score=score if math.isfinite(score) else 0.0,
                    snippet=snippet,
                    title_html=highlight.highlight(row[2], terms, phrases),
                    anchor=anchor or "",
                    heading=heading or "",
                    type=data.get("type") or "",
                    year=data.get("year"),
                    date=data.get("date") or "",
                    themes=tuple(data.get("themes") or ()),
                    regions=tuple(data.get("regions") or ()),
                    areas=tuple(data.get("areas") or ()),
                )
            )
        return hits

    def _first_matching_passage(self, doc: int, terms: set[str]) -> int | None:
        rows = self.connection.execute(
            "SELECT id, text FROM passages WHERE document = ? ORDER BY id", (doc,)
        ).fetchall()
        for passage, text in rows:
            if terms & set(analysis.terms(text)):
                return passage
        return rows[0][0] if rows else None


def _sanitise(query: Query) -> Query:
    """Clamp what a URL can carry: negative offsets, huge limits, unknown modes and sorts."""
    from dataclasses import replace

    filters = {}
    for facet, values in (query.filters or {}).items():
        if facet in FACETS:
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
