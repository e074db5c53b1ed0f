"""An in-memory copy of what ranking, filtering and facet counting need, as numpy arrays.

Facet counts over a result set of 100,000 documents must not mean 100,000 rows through Python, so
documents, facet values and passage vectors are held as arrays and refreshed from the ``changes``
log: a process only reloads the documents that changed since it last looked.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict, defaultdict

import numpy as np

from . import partitions

FULL_RELOAD_FRACTION = 0.2
MASK_CACHE_SIZE = 1024


class Snapshot:
    def __init__(self, dimensions: int):
        self.dimensions = dimensions
        self.lock = threading.RLock()
        self.seq = -1
        self._vocabulary: Vocabulary | None = None
        self._masks: OrderedDict[str, np.ndarray] = OrderedDict()
        self._clear()

    def _clear(self) -> None:
        self.doc_ids = np.zeros(0, dtype=np.int64)  # internal ids, sorted
        self.sort_dates = np.zeros(0, dtype="U10")
        self.facet_doc = np.zeros(0, dtype=np.int64)
        self.facet_code = np.zeros(0, dtype=np.int32)
        self.codes: dict[tuple[str, str], int] = {}
        self.code_values: list[tuple[str, str]] = []
        self.vec_ids = np.zeros(0, dtype=np.int64)  # passage ids
        self.vec_list = np.zeros(0, dtype=np.int32)  # partition, -1 when not yet assigned
        self.matrix = np.zeros((0, self.dimensions), dtype=np.float32)
        self.centroids: np.ndarray | None = None
        self._derive()

    # -- refresh ---------------------------------------------------------------------------------
    def sync(self, connection: sqlite3.Connection) -> None:
        with self.lock:
            # Two queries: SQLite answers a lone max() or min() from the key, not both at once.
            last = connection.execute("SELECT max(seq) FROM changes").fetchone()[0] or 0
            if last == self.seq:
                return
            first = connection.execute("SELECT min(seq) FROM changes").fetchone()[0] or 0
            if self.seq < 0 or first > self.seq + 1:
                self._load(connection, None)
            else:
                changed = [
                    r[0]
                    for r in connection.execute(
                        "SELECT DISTINCT document FROM changes WHERE seq > ?", (self.seq,)
                    )
                ]
                big = len(changed) > FULL_RELOAD_FRACTION * max(len(self.doc_ids), 1000)
                if big or -1 in changed:  # -1: vector partitions were retrained
                    self._load(connection, None)
                else:
                    self._load(connection, changed)
            self.seq = last
            self._vocabulary = None
            self._masks.clear()

    def _load(self, connection: sqlite3.Connection, changed: list[int] | None) -> None:
        if changed is None:
            self._clear()
            where = ""
            docs = connection.execute("SELECT id, sort_date FROM documents").fetchall()
        else:
            keep_docs = ~np.isin(self.doc_ids, changed)
            self.doc_ids, self.sort_dates = self.doc_ids[keep_docs], self.sort_dates[keep_docs]
            keep_facets = ~np.isin(self.facet_doc, changed)
            self.facet_doc = self.facet_doc[keep_facets]
            self.facet_code = self.facet_code[keep_facets]
            keep_vectors = ~np.isin(self.vec_ids >> 10, changed)
            self.vec_ids, self.matrix = self.vec_ids[keep_vectors], self.matrix[keep_vectors]
            self.vec_list = self.vec_list[keep_vectors]
            temp = "temp_changed_docs"
            connection.execute(f"CREATE TEMP TABLE IF NOT EXISTS {temp}(id INTEGER PRIMARY KEY)")
            connection.execute(f"DELETE FROM {temp}")
            connection.executemany(f"INSERT INTO {temp}(id) VALUES (?)", [(c,) for c in changed])
            where = f" WHERE {{col}} IN (SELECT id FROM {temp})"
            docs = connection.execute(
                "SELECT id, sort_date FROM documents" + where.format(col="id")
            ).fetchall()
        if docs:
            ids = np.array([d[0] for d in docs], dtype=np.int64)
            dates = np.array([d[1] or "" for d in docs], dtype="U10")
            self.doc_ids = np.concatenate([self.doc_ids, ids])
            self.sort_dates = np.concatenate([self.sort_dates, dates])
        facet_rows = connection.execute(
            "SELECT document, facet, value FROM facets" + where.format(col="document")
        ).fetchall()
        if facet_rows:
            codes = []
            for _, facet, value in facet_rows:
                key = (facet, value)
                if key not in self.codes:
                    self.codes[key] = len(self.code_values)
                    self.code_values.append(key)
                codes.append(self.codes[key])
            self.facet_doc = np.concatenate(
                [self.facet_doc, np.array([r[0] for r in facet_rows], dtype=np.int64)]
            )
            self.facet_code = np.concatenate([self.facet_code, np.array(codes, dtype=np.int32)])
        if changed is None:
            self.centroids = partitions.load_centroids(connection, self.dimensions)
        vector_sql = "SELECT passage, vector, list FROM vectors"
        if changed is not None:
            vector_sql += f" WHERE (passage >> 10) IN (SELECT id FROM {temp})"
        # Read in chunks into one preallocated block: holding every row's bytes as Python
        # objects first would need several times the matrix's memory.
        upper = connection.execute(
            "SELECT count(*) FROM passages"
            + (where.format(col="document") if changed is not None else "")
        ).fetchone()[0]
        block = np.empty((upper, self.dimensions), dtype=np.float32)
        ids = np.empty(upper, dtype=np.int64)
        lists = np.empty(upper, dtype=np.int32)
        filled = 0
        cursor = connection.execute(vector_sql)
        width = 4 * self.dimensions
        while filled < upper:
            rows = [r for r in cursor.fetchmany(8192) if len(r[1]) == width]
            if not rows:
                break
            rows = rows[: upper - filled]
            end = filled + len(rows)
            block[filled:end] = np.frombuffer(
                b"".join(r[1] for r in rows), dtype=np.float32
            ).reshape(-1, self.dimensions)
            ids[filled:end] = [r[0] for r in rows]
            lists[filled:end] = [-1 if r[2] is None else r[2] for r in rows]
            filled = end
        if filled:
            self.vec_ids = np.concatenate([self.vec_ids, ids[:filled]])
            self.vec_list = np.concatenate([self.vec_list, lists[:filled]])
            if len(self.matrix):
                self.matrix = np.concatenate([self.matrix, block[:filled]])
            else:
                self.matrix = block[:filled]
        self._derive()

    def _derive(self) -> None:
        # Vectors sorted by partition, so probing a partition reads one contiguous block.
        if len(self.vec_list) and (np.diff(self.vec_list) < 0).any():
            by_list = np.argsort(self.vec_list, kind="stable")
            self.vec_ids, self.vec_list = self.vec_ids[by_list], self.vec_list[by_list]
            self.matrix = np.ascontiguousarray(self.matrix[by_list])
        lists = 0 if self.centroids is None else len(self.centroids)
        self.list_bounds = np.searchsorted(self.vec_list, np.arange(-1, lists + 1))
        order = np.argsort(self.doc_ids, kind="stable")
        self.doc_ids, self.sort_dates = self.doc_ids[order], self.sort_dates[order]
        self.facet_slot = self.slots(self.facet_doc)
        self.vec_slot = self.slots(self.vec_ids >> 10)
        self.vec_order = np.argsort(self.vec_slot, kind="stable")
        bounds = np.searchsorted(self.vec_slot[self.vec_order], np.arange(len(self.doc_ids) + 1))
        self.vec_start, self.vec_end = bounds[:-1], bounds[1:]

    # -- lookups -----------------------------------------------------------------------------------
    @property
    def size(self) -> int:
        return len(self.doc_ids)

    def slots(self, internal_ids: np.ndarray) -> np.ndarray:
        """Positions of internal document ids in ``doc_ids`` (ids must be present)."""
        internal_ids = np.asarray(internal_ids, dtype=np.int64)
        if len(self.doc_ids) == 0:
            return np.zeros(len(internal_ids), dtype=np.int64)
        positions = np.searchsorted(self.doc_ids, internal_ids)
        return np.minimum(positions, len(self.doc_ids) - 1)

    def mask_of(self, internal_ids: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        if len(internal_ids) and self.size:
            internal_ids = np.asarray(internal_ids, dtype=np.int64)
            positions = self.slots(internal_ids)
            found = self.doc_ids[positions] == internal_ids
            mask[positions[found]] = True
        return mask

    def filter_mask(self, filters: dict[str, list[str]], skip: str | None = None) -> np.ndarray:
        """Documents passing every facet filter (any value within a facet), ignoring ``skip``."""
        mask = np.ones(self.size, dtype=bool)
        for facet, values in filters.items():
            if facet == skip:
                continue
            codes = [self.codes[(facet, v)] for v in values if (facet, v) in self.codes]
            passing = np.zeros(self.size, dtype=bool)
            if codes:
                passing[self.facet_slot[np.isin(self.facet_code, codes)]] = True
            mask &= passing
        return mask

    def code_counts(self, result: np.ndarray) -> np.ndarray:
        """Documents of a result set having each (facet, value) code."""
        if not self.size:
            return np.zeros(len(self.code_values), dtype=np.int64)
        selected = result[self.facet_slot]
        return np.bincount(self.facet_code[selected], minlength=len(self.code_values))

    def facet_names(self) -> list[str]:
        """The facets the indexed documents have, in the order first seen."""
        return list(dict.fromkeys(name for name, _ in self.code_values))

    def facet_counts(self, counts: np.ndarray, facet: str) -> dict[str, int]:
        return {
            value: int(counts[code])
            for code, (name, value) in enumerate(self.code_values)
            if name == facet and counts[code] > 0
        }

    def passage_rows(self, slot: int) -> np.ndarray:
        return self.vec_order[self.vec_start[slot] : self.vec_end[slot]]

    @property
    def partitioned(self) -> bool:
        return self.centroids is not None and len(self.vec_ids) >= partitions.MIN_VECTORS

    def nearest_rows(self, query: np.ndarray) -> tuple[np.ndarray | slice, np.ndarray]:
        """(rows, cosines): every passage when small, else those of the closest partitions."""
        if not self.partitioned:
            return slice(None), self.matrix @ query
        lists = len(self.centroids)
        probes = np.argsort(-(self.centroids @ query))[: partitions.probe_count(lists)]
        # Block 0 holds passages not yet assigned to a partition: always read it.
        blocks = [0] + sorted(int(p) + 1 for p in probes)
        starts = self.list_bounds[blocks]
        lengths = self.list_bounds[np.asarray(blocks) + 1] - starts
        offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
        rows = offsets + np.arange(int(lengths.sum()))
        cosines = np.concatenate(
            [self.matrix[a : a + n] @ query for a, n in zip(starts, lengths, strict=True) if n]
            or [np.zeros(0, dtype=np.float32)]
        )
        return rows, cosines

    def exact_best(self, slots: np.ndarray, query: np.ndarray) -> np.ndarray:
        """Exact best-passage cosine for some documents (used for lexical candidates)."""
        best = np.full(len(slots), -np.inf, dtype=np.float32)
        for k, slot in enumerate(slots):
            rows = self.passage_rows(int(slot))
            if len(rows):
                best[k] = float((self.matrix[rows] @ query).max())
        return best

    def cached_mask(self, key: str) -> np.ndarray | None:
        packed = self._masks.get(key)
        if packed is None:
            return None
        self._masks.move_to_end(key)
        return np.unpackbits(packed, count=self.size).astype(bool)

    def clear_masks(self) -> None:
        with self.lock:
            self._masks.clear()

    def cache_mask(self, key: str, mask: np.ndarray) -> None:
        self._masks[key] = np.packbits(mask)  # 1 bit a document: 12.5 kB at 100,000
        if len(self._masks) > MASK_CACHE_SIZE:
            self._masks.popitem(last=False)

    # -- vocabulary --------------------------------------------------------------------------------
    def vocabulary(self, connection: sqlite3.Connection) -> Vocabulary:
        with self.lock:
            if self._vocabulary is None:
                self._vocabulary = Vocabulary(
                    connection.execute("SELECT word, term, documents FROM words").fetchall()
                )
            return self._vocabulary


class Vocabulary:
    """The index's words: known terms and how many documents have them (an upper bound: a
    document with two spellings of one term counts twice), and words bucketed by length for typo
    correction."""

    def __init__(self, rows: list[tuple[str, str, int]]):
        self.terms: dict[str, int] = defaultdict(int)
        for _, term, count in rows:
            self.terms[term] += count
        self.terms = dict(self.terms)
        self.counts = {word: count for word, _, count in rows}
        by_length: dict[int, list[str]] = defaultdict(list)
        for word, _, _ in rows:
            if word.isalpha():
                by_length[len(word)].append(word)
        self.by_length = dict(by_length)


def decode_data(text: str) -> dict:
    """A document's stored data: its date and facet values."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return {"date": "", "facets": {}}
    return {"date": data.get("date") or "", "facets": data.get("facets") or {}}
