"""Typos, synonyms, spelling variants, meaning and completion."""

from __future__ import annotations

import numpy as np
import pytest

from search.engine import Query, default_embedder
from search.tests.test_engine_samples import make_index, shared_index


@pytest.fixture
def library_index():
    return shared_index()


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


def test_typo_finds_partnership(library_index):
    results = library_index.search(Query("partnreship", mode="lexical"))
    assert ids(results)[0] == "decisions"
    assert results.did_you_mean == "partnership"
    assert results.corrections == {"partnreship": "partnership"}
    assert "<mark>partnership</mark>" in results.hits[0].title_html


def test_typo_finds_wellbeing(library_index):
    results = library_index.search(Query("community wellbeeing", mode="lexical"))
    assert ids(results)[0] == "gardens-uk"
    assert results.did_you_mean == "community wellbeing"


def test_known_words_are_not_corrected(library_index):
    results = library_index.search(Query("gardens"))
    assert results.did_you_mean is None and not results.corrections


def test_synonym_expansion(library_index):
    lto = library_index.search(Query("LTO", mode="lexical"))
    assert ids(lto) == ["money-guide"]
    assert "<mark>Locally Trusted Organisation</mark>" in lto.hits[0].title_html
    rep = library_index.search(Query("rep", mode="lexical"))
    assert ids(rep) == ["decisions"]


def test_synonyms_can_be_replaced_without_reindexing(library_index):
    index = make_index("synonyms", embedder=None, synonyms=None)
    assert index.search(Query("LTO")).total == 0
    index.set_synonyms({"LTO": ["Locally Trusted Organisation"]})
    assert ids(index.search(Query("LTO"))) == ["money-guide"]


def test_spelling_folding(library_index):
    british = library_index.search(Query("organisation", mode="lexical", limit=50))
    american = library_index.search(Query("organization", mode="lexical", limit=50))
    assert {"gardens-uk", "us-spelling"} <= set(ids(british))
    assert set(ids(british)) == set(ids(american))
    hit = next(h for h in american.hits if h.id == "gardens-uk")
    assert "<mark>organisation</mark>" in hit.snippet


def test_semantic_finds_young_people_for_youth_clubs(library_index):
    # No sample document contains "youth" or "club": only meaning can find the teenagers' story.
    lexical = library_index.search(Query("youth clubs", mode="lexical"))
    assert lexical.total == 0
    results = library_index.search(Query("youth clubs"))
    assert ids(results)[0] == "teen-nights"
    assert results.mode == "hybrid"


def test_semantic_only_matches_need_to_be_close(library_index):
    results = library_index.search(Query("quantum chromodynamics lattice"))
    assert results.total == 0


def test_onnx_embedder_gives_unit_vectors_that_order_by_meaning():
    embedder = default_embedder()
    vectors = embedder.embed(["youth clubs", "teenagers meeting weekly", "annual accounts audit"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_suggest_completes_prefix(library_index):
    assert "gardens" in library_index.suggest("gard")
    assert library_index.suggest("community gard")[0].startswith("community gard")
    assert library_index.suggest("") == []
    assert library_index.suggest("gard ") == []
    assert library_index.suggest("🙂") == []
