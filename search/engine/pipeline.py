"""One query through the search pipeline, as named stages.

``QueryRun(index, query).results()`` runs, in order:

1. ``parse``: the search-box text read into clauses (never raises);
2. ``expand``: glossary synonyms and typo corrections;
3. ``constrain``: documents that must hold every quoted phrase and none of the exclusions;
4. ``match_lexical`` / ``match_semantic``: the result set (FTS5 matches, and documents whose best
   passage is close enough in meaning);
5. ``select``: filters applied, the total counted;
6. ``rank_lexical`` / ``rank_semantic``: the top candidates of each ranking;
7. ``fuse``: one ranking from the two (or one of them alone, as the mode says);
8. ``facets``: counts over the whole result set; ``snippets``: the page's hits and their best
   passages, highlighted.

Each stage reads what the earlier ones left on the run and adds its own; none reaches back.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from . import analysis, highlight, lexical, spelling
from .fusion import fuse, query_weight
from .lexical_ranking import lexical_top, match_mask, ranking_skip, semantic_pool
from .query import Query, parse
from .results import FacetValue, Hit, SearchResults
from .snapshot import decode_data

if TYPE_CHECKING:
    from .index import Index

EMPTY_SLOTS = np.zeros(0, dtype=np.int64)


class QueryRun:
    """The working state of one query; each stage method fills in part of it."""

    def __init__(self, index: Index, query: Query):
        self.index = index
        self.query = query
        self.settings = index.settings
        self.connection = index.connection
        self.snapshot = index.snapshot
        self.snapshot.sync(self.connection)
        self.n = self.snapshot.size
        self.browse = not query.text.strip()
        self.filters = {f: list(v) for f, v in query.filters.items() if v}
        self.semantic_best: np.ndarray | None = None
        self.query_vector: np.ndarray | None = None
        self.best_passage: dict[int, int] = {}
        self.scores: dict[int, float] = {}

    def results(self) -> SearchResults:
        self.parse()
        self.expand()
        self.constrain()
        self.match_lexical()
        self.match_semantic()
        self.select()
        if self.browse or self.query.sort == "date":
            ranked = self.by_date()
        else:
            self.rank_lexical()
            self.rank_semantic()
            ranked = self.fuse()
        query = self.query
        page = [int(x) for x in ranked[query.offset : query.offset + query.limit]]
        return SearchResults(
            query=query,
            hits=self.snippets(page),
            total=self.total,
            facets=self.facets() if query.facets else {},
            did_you_mean=spelling.did_you_mean(query.text, self.corrections),
            corrections=self.corrections,
            phrases_relaxed=self.relaxed,
            mode=self.mode,
        )

    # -- 1-3: reading the query ------------------------------------------------------------------
    def parse(self) -> None:
        index = self.index
        self.mode = self.query.mode or self.settings.mode
        if index.embedder is None or not index.dimensions:
            self.mode = "lexical"
        self.parsed = parse(self.query.text)

    def expand(self) -> None:
        self.index.synonyms.expand(self.parsed)
        self.corrections: dict[str, str] = {}
        if self.settings.typo_tolerance and self.parsed.free:
            vocabulary = self.snapshot.vocabulary(self.connection)
            self.corrections = spelling.correct(self.parsed, vocabulary)

    def constrain(self) -> None:
        parsed = self.parsed
        constraint = np.ones(self.n, dtype=bool)
        self.relaxed = False
        for expression in lexical.required_expressions(parsed):
            constraint &= self._mask(expression)
        if parsed.required and not constraint.any():
            # No document has every quoted phrase: rank by them instead of returning nothing.
            constraint[:] = True
            self.relaxed = True
        excluded = lexical.exclusion_expression(parsed)
        if excluded:
            constraint &= ~self._mask(excluded)
        self.constraint = constraint

    # -- 4-5: the result set ---------------------------------------------------------------------
    def match_lexical(self) -> None:
        s, parsed = self.settings, self.parsed
        self.lexical_mask = np.zeros(self.n, dtype=bool)
        self.clauses = lexical.match_clauses(parsed, s.max_query_terms)
        expression = " OR ".join(self.clauses) if self.clauses else None
        self.rank_expression = expression
        self.ranking_cost = 0
        if expression and self.mode == "hybrid":
            skip, self.ranking_cost = ranking_skip(self.connection, self.snapshot, parsed, s)
            if skip:
                self.rank_expression = lexical.match_expression(parsed, s.max_query_terms, skip)
        self.pairs = lexical.adjacent_pairs(parsed, s.phrase_pairs) if s.phrase_pairs else []
        if not self.browse and expression and self.mode in ("hybrid", "lexical"):
            for clause in dict.fromkeys(self.clauses):
                self.lexical_mask |= self._mask(clause)

    def match_semantic(self) -> None:
        snapshot = self.snapshot
        self.semantic_mask = np.zeros(self.n, dtype=bool)
        if self.browse:
            return
        if self.mode in ("hybrid", "semantic") and snapshot.matrix.shape[0]:
            self.query_vector = self.index.query_vector(self.parsed.embedding_text)
        if self.query_vector is not None and not self.parsed.is_empty:
            rows, cosines = snapshot.nearest_rows(self.query_vector)
            semantic_best = np.full(self.n, -np.inf, dtype=np.float32)
            np.maximum.at(semantic_best, snapshot.vec_slot[rows], cosines)
            self.semantic_best = semantic_best
            self.semantic_mask = semantic_best >= self.settings.min_similarity

    def select(self) -> None:
        if self.browse:
            self.base = np.ones(self.n, dtype=bool)
        else:
            self.base = (self.lexical_mask | self.semantic_mask) & self.constraint
        self.filtered = self.constraint & self.snapshot.filter_mask(self.filters)
        self.selected = self.base & self.filtered
        self.total = int(self.selected.sum())
        self.k = max(self.settings.candidates, self.query.offset + self.query.limit)

    # -- 6-7: ranking ----------------------------------------------------------------------------
    def by_date(self) -> np.ndarray:
        """Browsing, or sorting by date: every selected document, newest first."""
        ranked = np.flatnonzero(self.selected)
        if len(ranked):
            dates = self.snapshot.sort_dates[ranked]
            ranked = ranked[np.argsort(dates, kind="stable")[::-1]]
        return ranked

    def rank_lexical(self) -> None:
        s, snapshot = self.settings, self.snapshot
        self.lex_slots, self.lex_scores = EMPTY_SLOTS, np.zeros(0)
        if not self.rank_expression or self.mode not in ("hybrid", "lexical"):
            return
        # Lexical matches are results by definition: only filters narrow the ranking.
        allowed = None if self.filtered.all() else self.filtered
        matching = self.lexical_mask & self.filtered
        if (
            self.semantic_best is not None
            and self.ranking_cost > s.ranking_document_budget
            and int(matching.sum()) > s.ranking_document_budget
        ):
            allowed = semantic_pool(self.semantic_best, matching, s)
        # Fusion was tuned with FTS5's k1 scores; lexical ranking alone uses ``bm25_k1``.
        k1 = s.bm25_k1 if self.mode == "lexical" else s.fusion_bm25_k1
        self.lex_slots, self.lex_scores, self.best_passage = lexical_top(
            self.connection, snapshot, s, self.rank_expression, self.k, allowed, k1
        )
        if self.semantic_best is not None and snapshot.partitioned and len(self.lex_slots):
            exact = snapshot.exact_best(self.lex_slots, self.query_vector)
            self.semantic_best[self.lex_slots] = exact

    def rank_semantic(self) -> None:
        self.sem_slots = EMPTY_SLOTS
        if self.semantic_best is None:
            return
        masked = np.where(self.selected, self.semantic_best, -np.inf)
        top = min(self.k, int(np.isfinite(masked).sum()))
        if top:
            self.sem_slots = np.argpartition(-masked, top - 1)[:top]
            if self.mode == "hybrid":
                keep = masked[self.sem_slots] >= self.settings.min_similarity
                self.sem_slots = self.sem_slots[keep]

    def fuse(self) -> np.ndarray:
        """The candidates in fused order (lexical or semantic alone in those modes)."""
        if self.mode == "lexical" or self.semantic_best is None:
            candidates, fused = self.lex_slots, self.lex_scores
        elif self.mode == "semantic":
            candidates = self.sem_slots
            fused = self.semantic_best[candidates].astype(np.float64)
        else:
            candidates = np.unique(
                np.concatenate([self.lex_slots, self.sem_slots, self._lexical_beyond_top()])
            )
            fused = self._fused_scores(candidates)
        fused = np.asarray(fused, dtype=np.float64)
        self.scores = {int(c): float(f) for c, f in zip(candidates, fused, strict=True)}
        candidates = np.asarray(candidates, dtype=np.int64)
        # A short query read as a phrase: documents holding its words side by side come first.
        phrase = self._holds_the_phrase(candidates)
        order = np.lexsort((-fused, ~phrase)) if phrase.any() else np.argsort(-fused, kind="stable")
        return candidates[order]

    def _holds_the_phrase(self, candidates: np.ndarray) -> np.ndarray:
        """For a query of at most ``phrase_words`` ranking words ("young people"), which
        candidates hold every pair of its adjacent words as a phrase; none for longer queries,
        where words side by side say less and BM25 and meaning rank alone."""
        held = np.zeros(len(candidates), dtype=bool)
        short = lexical.ranking_word_count(self.parsed) <= self.settings.phrase_words
        if not self.pairs or not short or not len(candidates):
            return held
        held[:] = True
        for pair in self.pairs:
            held &= self._mask(pair)[candidates]
        return held

    def _lexical_beyond_top(self) -> np.ndarray:
        """Lexical matches the BM25 list did not reach (common words, or beyond k): they still
        compete, by meaning."""
        matches = self.lexical_mask & self.selected
        available = int(matches.sum()) - len(self.lex_slots)
        if available <= 0:
            return EMPTY_SLOTS
        semantic_best = self.semantic_best
        known = np.where(np.isfinite(semantic_best), semantic_best, -2.0)
        pool = np.where(matches, known, -np.inf)
        pool[self.lex_slots] = -np.inf
        take = min(self.k, available)
        return np.argpartition(-pool, take - 1)[:take]

    def _fused_scores(self, candidates: np.ndarray) -> np.ndarray:
        s = self.settings
        lex_raw = np.zeros(len(candidates))
        position = {int(slot): i for i, slot in enumerate(candidates)}
        for slot, score in zip(self.lex_slots, self.lex_scores, strict=True):
            lex_raw[position[int(slot)]] = score
        truncated = len(self.lex_slots) >= self.k
        floor = float(self.lex_scores.min()) if truncated else 0.0
        # Lexical matches beyond the top k rank below it: give them its lowest score.
        beyond = self.lexical_mask[candidates] & (lex_raw == 0)
        lex_raw[beyond] = floor
        semantic = self.semantic_best[candidates]
        semantic = np.where(np.isfinite(semantic), semantic, 0.0)  # passages without vectors
        weight = query_weight(
            lex_raw,
            semantic,
            s.semantic_weight,
            s.low_agreement_semantic_weight,
            s.agreement_depth,
            s.min_agreement,
        )
        return fuse(
            lex_raw,
            semantic,
            weight,
            s.normalisation,
            lexical_present=lex_raw > 0,
            rrf_k=s.rrf_k,
        )

    # -- 8: what the page shows ------------------------------------------------------------------
    def facets(self) -> dict[str, list[FacetValue]]:
        snapshot, filters = self.snapshot, self.filters
        facets: dict[str, list[FacetValue]] = {}
        shared = None  # facets without a filter of their own all count the same documents
        for facet in dict.fromkeys([*snapshot.facet_names(), *filters]):
            if facet in filters:
                codes = snapshot.code_counts(self.base & snapshot.filter_mask(filters, skip=facet))
            else:
                if shared is None:
                    shared = snapshot.code_counts(self.base & snapshot.filter_mask(filters))
                codes = shared
            counts = snapshot.facet_counts(codes, facet)
            chosen = set(filters.get(facet, ()))
            for value in chosen - counts.keys():
                counts[value] = 0
            ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            facets[facet] = [FacetValue(v, c, v in chosen) for v, c in ordered]
        return facets

    def snippets(self, page: list[int]) -> list[Hit]:
        """The page's hits, each with its best passage as a highlighted snippet."""
        if not page:
            return []
        internal = [int(self.snapshot.doc_ids[slot]) for slot in page]
        marks = ",".join("?" * len(internal))
        documents = {
            row[0]: row
            for row in self.connection.execute(
                f"SELECT id, doc_id, title, url, data FROM documents WHERE id IN ({marks})",
                internal,
            )
        }
        terms = self.parsed.highlight_terms()
        self.phrases = self.parsed.highlight_phrases()
        passage_for = {
            slot: self._best_passage(slot, doc, terms)
            for slot, doc in zip(page, internal, strict=True)
        }
        passages = self._passage_rows([p for p in passage_for.values() if p is not None])
        hits = []
        for slot, doc in zip(page, internal, strict=True):
            row = documents.get(doc)
            if row is not None:
                hits.append(self._hit(row, passages.get(passage_for.get(slot)), slot, terms))
        return hits

    def _best_passage(self, slot: int, doc: int, terms: set[str]) -> int | None:
        """The passage a hit shows: BM25's best, else the closest in meaning, else the first
        holding a query word."""
        passage = self.best_passage.get(slot)
        snapshot = self.snapshot
        if passage is None and self.semantic_best is not None and snapshot.matrix.shape[0]:
            rows = snapshot.passage_rows(slot)
            if len(rows):
                vector = self.index.query_vector(self.parsed.embedding_text)
                if vector is not None:
                    sims = snapshot.matrix[rows] @ vector
                    passage = int(snapshot.vec_ids[rows[int(np.argmax(sims))]])
        if passage is None:
            passage = self._first_matching_passage(doc, terms)
        return passage

    def _first_matching_passage(self, doc: int, terms: set[str]) -> int | None:
        rows = self.connection.execute(
            "SELECT id, text FROM passages WHERE document = ? ORDER BY id", (doc,)
        ).fetchall()
        for passage, text in rows:
            if terms & set(analysis.terms(text)):
                return passage
        return rows[0][0] if rows else None

    def _passage_rows(self, wanted: list[int]) -> dict[int, tuple]:
        if not wanted or not self.query.snippets:
            return {}
        marks = ",".join("?" * len(wanted))
        return {
            row[0]: row
            for row in self.connection.execute(
                f"SELECT id, heading, anchor, text FROM passages WHERE id IN ({marks})", wanted
            )
        }

    def _hit(self, row: tuple, passage: tuple | None, slot: int, terms: set[str]) -> Hit:
        phrases = self.phrases
        data = decode_data(row[4])
        heading = anchor = snippet = ""
        if passage is not None:
            _, heading, anchor, text = passage
            snippet = highlight.snippet(text, terms, phrases)
        score = self.scores.get(slot, 0.0)
        return Hit(
            id=row[1],
            title=row[2],
            url=row[3],
            score=score if math.isfinite(score) else 0.0,
            snippet=snippet,
            title_html=highlight.highlight(row[2], terms, phrases),
            anchor=anchor or "",
            heading=heading or "",
            date=data["date"],
            facets={name: tuple(values) for name, values in data["facets"].items()},
        )

    def _mask(self, expression: str) -> np.ndarray:
        return match_mask(self.connection, self.snapshot, expression)
