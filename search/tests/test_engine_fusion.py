"""Fusion of lexical and semantic scores, and the query-aware weight."""

import numpy as np

from search.engine.fusion import agreement, fuse, query_weight


def test_semantic_weight_zero_ranks_by_words_alone():
    lexical = np.array([1.0, 7.0, 3.0, 0.0])
    semantic = np.array([0.9, 0.1, 0.5, 0.95])
    assert list(np.argsort(-fuse(lexical, semantic, 0.0, "zscore"))) == [1, 2, 0, 3]


def test_a_document_both_rankings_favour_wins_the_fusion():
    lexical = np.array([3.0, 9.0, 8.0, 1.0])
    semantic = np.array([0.8, 0.75, 0.2, 0.3])
    fused = fuse(lexical, semantic, 0.6, "zscore")
    assert int(np.argmax(fused)) == 1


def test_semantic_weight_one_ranks_by_meaning_alone():
    lexical = np.array([5.0, 1.0, 0.0])
    semantic = np.array([0.1, 0.2, 0.9])
    assert list(np.argsort(-fuse(lexical, semantic, 1.0, "zscore"))) == [2, 1, 0]


def test_agreement_is_the_share_of_the_top_places_in_common():
    lexical = np.array([9.0, 8.0, 7.0, 1.0, 0.0])
    semantic = np.array([0.9, 0.1, 0.2, 0.8, 0.7])
    assert agreement(lexical, semantic, 2) == 0.5  # tops {0, 1} and {0, 3}
    assert agreement(lexical, semantic, 5) == 1.0
    assert agreement(np.array([]), np.array([]), 10) == 1.0


def test_query_weight_drops_when_the_rankings_disagree():
    lexical = np.array([9.0, 8.0, 0.0, 0.0])
    semantic = np.array([0.1, 0.2, 0.9, 0.8])
    assert query_weight(lexical, semantic, 0.7, 0.4, depth=2, threshold=0.2) == 0.4
    assert query_weight(lexical, lexical, 0.7, 0.4, depth=2, threshold=0.2) == 0.7
