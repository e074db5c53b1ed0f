"""BM25 scores use the configured k1 (FTS5's bm25() has it fixed at 1.2): ``bm25_k1`` in
lexical ranking, ``fusion_bm25_k1`` in the scores hybrid ranking fuses."""

from __future__ import annotations

import math

import numpy as np
import pytest

from search.engine import Document, Index, Query, SearchSettings, Section
from search.engine.pipeline import QueryRun

FILLER = "meeting hall notes residents volunteers minutes chair month group careful"


def bm25(tf: float, df: int, rows: int, length: int, average: float, k1: float) -> float:
    """One term's BM25 as FTS5 weighs it (its idf, b = 0.75), with any k1."""
    idf = max(math.log((rows - df + 0.5) / (df + 0.5)), 1e-6)
    return idf * tf * (k1 + 1) / (tf + k1 * (0.25 + 0.75 * length / average))


def lexical_index(tmp_path, k1: float) -> Index:
    settings = SearchSettings(bm25_k1=k1, title_weight=2.0, body_weight=1.0)
    index = Index(tmp_path / f"k1-{k1}.sqlite3", embedder=None, settings=settings)
    index.add(
        [
            # "allotments" three times in a short body; once in the title of a longer one.
            Document(id="often", title="Report", sections=[Section("allotments " * 3 + FILLER)]),
            Document(id="title", title="Allotments", sections=[Section(FILLER + " " + FILLER)]),
        ]
        + [Document(id=f"other-{n}", title="Other", sections=[Section(FILLER)]) for n in range(6)]
    )
    return index


@pytest.mark.parametrize("k1", [1.2, 2.4])
def test_lexical_score_is_bm25_with_the_configured_k1(tmp_path, k1):
    index = lexical_index(tmp_path, k1)
    hits = {hit.id: hit.score for hit in index.search(Query("allotments", mode="lexical")).hits}
    # Row lengths count every column (title + body), as FTS5 does.
    lengths = {"often": 1 + 3 + 10, "title": 1 + 20, "other": 1 + 10}
    average = (lengths["often"] + lengths["title"] + 6 * lengths["other"]) / 8
    often = bm25(3, 2, 8, lengths["often"], average, k1)
    title = bm25(2, 2, 8, lengths["title"], average, k1)  # a title word counts twice
    assert hits["often"] == pytest.approx(often, rel=1e-9)
    assert hits["title"] == pytest.approx(title, rel=1e-9)


class OneVector:
    """A stand-in model: every text gets the same vector, so only BM25 orders the hybrid."""

    name, dimensions = "one-vector", 4

    def embed(self, texts):
        return np.tile(np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32), (len(texts), 1))


def test_hybrid_ranking_fuses_bm25_with_the_fusion_k1(tmp_path):
    """The fusion weights were chosen with k1 = 1.2 scores; lexical ranking alone uses
    ``bm25_k1``."""
    settings = SearchSettings(bm25_k1=2.4, fusion_bm25_k1=1.2)
    index = Index(tmp_path / "hybrid.sqlite3", embedder=OneVector(), settings=settings)
    index.add(
        [Document(id="often", title="Report", sections=[Section("allotments " * 3 + FILLER)])]
        + [Document(id=f"other-{n}", title="Other", sections=[Section(FILLER)]) for n in range(7)]
    )
    run = QueryRun(index, Query("allotments"))
    run.results()
    average = (14 + 7 * 11) / 8
    assert run.mode == "hybrid"
    assert run.lex_scores[0] == pytest.approx(bm25(3, 1, 8, 14, average, 1.2), rel=1e-9)
