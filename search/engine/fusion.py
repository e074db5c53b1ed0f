"""Fusing the lexical and semantic rankings of the candidate documents.

Convex combination of per-query normalised scores (Bruch, Gai and Ingber, "An Analysis of Fusion
Functions for Hybrid Retrieval", 2022): ``w * semantic + (1 - w) * lexical``. Normalisations:
``minmax`` over the candidates, ``tmm`` (theoretical minimum: 0 for BM25, -1 for cosine, observed
maximum), ``zscore``; ``rrf`` (reciprocal-rank fusion) is kept for comparison. The weight itself is
chosen per query by ``query_weight``: less meaning where the two rankings disagree.
"""

from __future__ import annotations

import numpy as np


def _normalise(scores: np.ndarray, method: str, theoretical_min: float) -> np.ndarray:
    if scores.size == 0:
        return scores
    if method == "zscore":
        std = scores.std()
        return (scores - scores.mean()) / std if std > 0 else np.zeros_like(scores)
    low = theoretical_min if method == "tmm" else scores.min()
    high = scores.max()
    if high - low <= 1e-12:
        return np.ones_like(scores) if high > 0 else np.zeros_like(scores)
    return (scores - low) / (high - low)


def _rrf(scores: np.ndarray, present: np.ndarray, k: int) -> np.ndarray:
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return np.where(present, 1.0 / (k + ranks), 0.0)


def fuse(
    lexical: np.ndarray,
    semantic: np.ndarray,
    weight: float,
    method: str = "minmax",
    lexical_present: np.ndarray | None = None,
    semantic_present: np.ndarray | None = None,
    rrf_k: int = 60,
    low_cosine: float = 0.1,
    high_cosine: float = 0.7,
) -> np.ndarray:
    """Fused scores for candidates given their raw BM25 (0 when unmatched) and cosine scores."""
    lexical = np.asarray(lexical, dtype=np.float64)
    semantic = np.asarray(semantic, dtype=np.float64)
    if method == "rrf":
        lp = lexical > 0 if lexical_present is None else lexical_present
        sp = np.ones(len(semantic), bool) if semantic_present is None else semantic_present
        return (1 - weight) * _rrf(lexical, lp, rrf_k) + weight * _rrf(semantic, sp, rrf_k)
    lex = _normalise(lexical, "minmax" if method == "calibrated" else method, 0.0)
    if method == "calibrated":
        # Cosine on a fixed scale: a query the model finds nothing close to weighs little.
        sem = np.clip((semantic - low_cosine) / (high_cosine - low_cosine), 0.0, 1.0)
        return (1 - weight) * lex + weight * sem
    sem = _normalise(semantic, method, -1.0)
    return (1 - weight) * lex + weight * sem


def agreement(lexical: np.ndarray, semantic: np.ndarray, depth: int) -> float:
    """Share of places the two rankings' top ``depth`` candidates have in common (0 to 1)."""
    depth = min(depth, len(lexical))
    if depth == 0:
        return 1.0
    top_lexical = np.argsort(-np.asarray(lexical, dtype=np.float64), kind="stable")[:depth]
    top_semantic = np.argsort(-np.asarray(semantic, dtype=np.float64), kind="stable")[:depth]
    return len(set(top_lexical.tolist()) & set(top_semantic.tolist())) / depth


def query_weight(
    lexical: np.ndarray,
    semantic: np.ndarray,
    weight: float,
    low_weight: float,
    depth: int = 10,
    threshold: float = 0.2,
) -> float:
    """The semantic weight for one query: ``weight``, or ``low_weight`` when the lexical and
    semantic top ``depth`` share less than ``threshold`` of their places."""
    if low_weight == weight:
        return weight
    return weight if agreement(lexical, semantic, depth) >= threshold else low_weight
