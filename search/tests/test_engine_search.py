"""Ranking, snippets, passages, facets, sorting and index maintenance, against a real index."""

from __future__ import annotations

import pytest

from search.engine import Document, Index, Query, Section
from search.tests.test_engine_samples import make_index, shared_index


@pytest.fixture
def library_index():
    return shared_index()


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


def test_search_highlights_matched_terms(library_index):
    results = library_index.search(Query("vegetables wellbeing", mode="lexical"))
    hit = results.hits[0]
    assert hit.id == "gardens-uk"
    assert "<mark>vegetables</mark>" in hit.snippet
    assert "<mark>wellbeing</mark>" in hit.snippet
    assert "<mark>wellbeing</mark>" in hit.title_html


def test_highlight_marks_inflections_through_stems(library_index):
    hit = library_index.search(Query("garden", mode="lexical")).hits[0]
    assert "<mark>gardens</mark>" in hit.title_html


def test_snippets_escape_content_html(library_index):
    hit = library_index.search(Query("fencing", mode="lexical")).hits[0]
    assert hit.id == "unsafe-html"
    assert "<script>" not in hit.snippet and "<b>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet or "&lt;b&gt;" in hit.snippet
    assert "<mark>fencing</mark>" in hit.snippet


def test_title_outranks_body(library_index):
    # "partnership" is in the title of one document and only in the body of none other.
    results = library_index.search(Query("partnership decisions", mode="lexical"))
    assert ids(results)[0] == "decisions"


def test_deep_passage_hit_links_section_anchor(library_index):
    results = library_index.search(Query("allotments", mode="lexical"))
    hit = results.hits[0]
    assert hit.id == "long-report"
    assert hit.anchor == "growing-food"
    assert hit.heading == "Growing food"
    assert hit.link == "/resources/long-report/#growing-food"
    assert "<mark>allotments</mark>" in hit.snippet


def test_results_are_one_per_document(library_index):
    results = library_index.search(Query("community hall meeting volunteers", limit=50))
    assert len(ids(results)) == len(set(ids(results)))


def test_phrase_and_exclusion(library_index):
    phrase = library_index.search(Query('"resident representative"'))
    assert ids(phrase) == ["decisions"]
    assert "<mark>resident representative</mark>" in phrase.hits[0].snippet
    # The same words, not as a phrase, must not satisfy a quoted query.
    none = library_index.search(Query('"representative resident"'))
    assert "decisions" not in ids(none) or none.phrases_relaxed
    both = library_index.search(Query("residents", mode="lexical", limit=50))
    assert {"decisions", "gardens-uk"} <= set(ids(both))
    excluded = library_index.search(Query("residents -vegetables", limit=50))
    assert "gardens-uk" not in ids(excluded)
    assert "decisions" in ids(excluded)
    excluded_phrase = library_index.search(Query('residents -"street meetings"', limit=50))
    assert "decisions" not in ids(excluded_phrase)


def test_facets_count_whole_result_set(library_index):
    results = library_index.search(Query("residents community", limit=1, mode="lexical"))
    assert len(results.hits) == 1
    type_counts = {f.value: f.count for f in results.facets["type"]}
    assert sum(type_counts.values()) == results.total > 1
    for facet in ("theme", "region", "year"):
        assert results.facets[facet], facet


def test_filters_combine_and_facets_stay_multi_select(library_index):
    everything = library_index.search(Query("", limit=50))
    assert everything.total == 7
    north_west = library_index.search(Query("", filters={"region": ["North West"]}, limit=50))
    assert set(ids(north_west)) == {"teen-nights", "decisions", "long-report"}
    # OR within a facet.
    two_regions = library_index.search(
        Query("", filters={"region": ["North West", "South East"]}, limit=50)
    )
    assert two_regions.total == 4
    # AND across facets.
    reports_nw = library_index.search(
        Query("", filters={"region": ["North West"], "type": ["Report"]}, limit=50)
    )
    assert ids(reports_nw) == ["long-report"]
    # The region facet still offers the other regions; the type facet counts within the region.
    region_counts = {f.value: f for f in north_west.facets["region"]}
    assert region_counts["London"].count == 3 and region_counts["North West"].selected
    assert {f.value: f.count for f in north_west.facets["type"]}["Story"] == 1


def test_filters_apply_to_text_queries(library_index):
    results = library_index.search(
        Query("residents", filters={"region": ["London"]}, mode="lexical", limit=50)
    )
    assert ids(results) == ["gardens-uk"]


def test_sort_by_date_newest_first(library_index):
    results = library_index.search(Query("", sort="date", limit=50))
    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)
    assert results.hits[0].id == "long-report"


def test_pagination_pages_do_not_overlap(library_index):
    first = library_index.search(Query("", limit=3, offset=0))
    second = library_index.search(Query("", limit=3, offset=3))
    assert first.total == second.total == 7
    assert not set(ids(first)) & set(ids(second))
    assert first.has_next and second.has_previous


def test_delete_removes_document():
    index = make_index("delete", embedder=None)
    assert index.search(Query("allotments")).total == 1
    assert index.delete(["long-report", "no-such-id"]) == 1
    results = index.search(Query("allotments"))
    assert results.total == 0
    assert "long-report" not in index
    assert index.search(Query("", limit=50)).total == 6


def test_update_replaces_document_and_reuses_vectors():
    index = make_index("update")
    calls = []
    embedder = index.embedder
    original = embedder.embed

    def counting(texts):
        calls.append(len(texts))
        return original(texts)

    embedder.embed = counting
    try:
        changed = Document(
            id="gardens-uk",
            title="Community gardens and wellbeing",
            url="/resources/gardens/",
            sections=[
                Section(
                    "Residents grew vegetables together. The organisation that ran the garden "
                    "recorded better wellbeing among volunteers.",
                    "Findings",
                    "findings",
                ),
                Section("Beekeeping started in the second year.", "Bees", "bees"),
            ],
            facets={"type": ["Report"]},
        )
        index.add([changed])
    finally:
        del embedder.embed
    assert calls == [1]  # only the new section was embedded
    assert ids(index.search(Query("beekeeping", mode="lexical"))) == ["gardens-uk"]
    assert index.search(Query("", limit=50)).total == 7


def test_index_changes_reach_other_index_objects_on_the_same_file(tmp_path):
    writer = Index(tmp_path / "shared.sqlite3", embedder=None)
    reader = Index(tmp_path / "shared.sqlite3", embedder=None)
    assert reader.search(Query("orchard")).total == 0
    writer.add([Document(id="x", title="The orchard", sections=[Section("Apple trees.")])])
    assert ids(reader.search(Query("orchard"))) == ["x"]
    writer.delete(["x"])
    assert reader.search(Query("orchard")).total == 0


def test_common_words_still_match_when_they_stop_ranking():
    from dataclasses import replace

    index = make_index("common-words")
    lexical_total = index.search(Query("residents", mode="lexical")).total
    index.settings = replace(index.settings, common_term_share=0.0, ranking_document_budget=0)
    results = index.search(Query("residents"))
    assert results.total >= lexical_total > 0
    assert {"decisions", "gardens-uk"} <= {
        hit.id for hit in index.search(Query("residents", limit=50)).hits
    }


def test_common_words_in_a_large_library_rank_the_closest_documents_by_bm25():
    """Past ``ranking_document_budget``, BM25 scores only the ``semantic_pool`` matching
    documents closest in meaning: the result set stays whole, only the work shrinks."""
    from dataclasses import replace

    index = make_index("semantic-pool")
    whole = index.search(Query("residents", limit=50))
    lexical_ids = set(ids(index.search(Query("residents", limit=50, mode="lexical"))))
    closest = next(
        hit.id
        for hit in index.search(Query("residents", limit=50, mode="semantic")).hits
        if hit.id in lexical_ids
    )
    index.settings = replace(index.settings, ranking_document_budget=0, semantic_pool=1)
    pooled = index.search(Query("residents", limit=50))
    assert pooled.total == whole.total == len(lexical_ids) > 1
    assert set(ids(pooled)) == set(ids(whole))
    # The one document BM25 scored is the closest in meaning, and its lexical score lifts it.
    assert ids(pooled)[0] == closest
