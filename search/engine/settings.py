"""Ranking settings: field weights and how lexical and semantic rankings are fused.

The defaults are the site's configured ranking, chosen by measurement on the CISI collection (tuned on
half of its queries, checked on the other half; see ``search/evaluation.py`` and the issue). They hold
no collection-specific rules: a different collection gets the same settings.
"""

from __future__ import annotations

from dataclasses import dataclass

MODES = ("hybrid", "lexical", "semantic")
NORMALISATIONS = ("minmax", "tmm", "zscore", "calibrated", "rrf")


@dataclass(frozen=True)
class SearchSettings:
    """How a query is ranked. ``dataclasses.replace(settings, semantic_weight=0.5)`` makes a
    variant; ``Index.settings`` can be swapped at any time."""

    mode: str = "hybrid"
    # BM25 (FTS5 bm25()) column weights: a word in the title counts this many times a body word.
    title_weight: float = 2.0
    key_points_weight: float = 2.0
    heading_weight: float = 1.5
    body_weight: float = 1.0
    # BM25's term-frequency saturation in lexical ranking (mode "lexical"). FTS5's bm25() fixes
    # k1 at 1.2; ``lexical_top`` applies this one through the column weights, exactly. The
    # weights multiply term frequencies before saturation (BM25F), so a title word alone already
    # counts 2 and k1 has to be chosen with them: CISI lexical nDCG@10 0.3741 at 1.2, 0.3829 at
    # 1.8, 0.3861 at 2.4 (best), 0.3829 at 2.6, 0.3783 at 4 (see the engine README).
    bm25_k1: float = 2.4
    # k1 of the BM25 scores that hybrid ranking fuses. The fusion settings below were chosen with
    # k1 = 1.2 scores; measured, every larger k1 tried (1.5 to 3) lowered the site ranking with
    # the weakened model (six words: 1.029x bm25s at 1.2, 1.013x at 2.4), and with the real model
    # all but 2.4 (0.4451 against 0.4446) lowered it too. Retune the fusion before changing this.
    fusion_bm25_k1: float = 1.2
    # Convex fusion (Bruch et al., 2022): score = w * semantic + (1 - w) * lexical, each normalised
    # per query over the candidate documents (z-scores). Chosen on CISI and on CISI with a
    # deliberately weakened model (``bench/tune_fusion.py --weak-words 6``), where a fusion leaning
    # harder on meaning fell below BM25; see the engine README.
    semantic_weight: float = 0.6
    normalisation: str = "zscore"
    # Query-aware weighting, off (equal weights) by default: measured, it cost CISI or the
    # weakened-model margin (see the engine README). When on, if
    # the lexical and semantic top ``agreement_depth`` documents share less than
    # ``min_agreement`` of their places, meaning gets ``low_agreement_semantic_weight`` instead.
    low_agreement_semantic_weight: float = 0.6
    agreement_depth: int = 10
    min_agreement: float = 0.2
    rrf_k: int = 60
    # Documents taken from each ranking before fusion (grown to cover the page asked for).
    candidates: int = 100
    # A document found only by meaning joins the results when its best passage is at least this
    # similar to the query (cosine); lexical matches always join.
    min_similarity: float = 0.35
    # A word in more than this share of all documents only filters in hybrid ranking: FTS5's BM25
    # gives it almost no weight (idf ~ 0), yet scoring its postings is most of the cost of a query
    # on a large library. 1.0 keeps every word in the BM25 ranking.
    common_term_share: float = 0.5
    # Past this many documents to score (the summed document counts of the ranking words) and
    # this many matching documents, hybrid BM25 scores only the ``semantic_pool`` matching
    # documents closest in meaning. Only binds in large libraries (never below 10,000 documents):
    # it bounds the cost of common words at ~1,000 documents' passages.
    ranking_document_budget: int = 10_000
    semantic_pool: int = 1_000
    typo_tolerance: bool = True
    max_query_terms: int = 256
    # A query of at most this many ranking words, typed side by side ("young people"), is read as
    # a phrase too: documents holding the words together rank above those holding them apart or
    # one alone (0 turns it off). Boosting pairs in every query's BM25 instead cost CISI
    # (lexical nDCG@10 0.374 -> 0.340 as extra phrase terms; -0.001 to -0.018 as a score boost).
    phrase_words: int = 3
    phrase_pairs: int = 8
