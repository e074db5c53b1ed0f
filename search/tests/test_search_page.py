"""The public search page and JSON API over the site's real index (the bundled library)."""

import pytest

from resources.models import ResourcePage
from search import site_index

pytestmark = pytest.mark.django_db

QA = "How did Local Trust support Big Local areas to build networks?"


def hits(client, **params):
    return client.get("/search/", params).context["results"]


def test_search_highlights_matched_terms_in_snippets(client):
    html = client.get("/search/", {"q": "learning clusters"}).content.decode()
    assert "<mark>" in html
    assert QA in html


def test_typo_still_finds_and_offers_did_you_mean(client):
    results = hits(client, q="partnreship networks")
    assert QA in [hit.title for hit in results.hits]
    assert results.did_you_mean and "partnership" in results.did_you_mean


def test_glossary_synonym_matches_the_full_name(client):
    # Catalogue record titles spell the words out; "LTO" reaches them through the glossary.
    titles = [hit.title for hit in hits(client, q="LTO").hits]
    assert any("Locally Trusted Organisations" in title for title in titles)


def test_meaning_based_match_without_shared_words(client):
    titles = [hit.title for hit in hits(client, q="teenagers and sport").hits]
    assert (
        "Big Local areas can access specialist new support from 4 partnerships up until 2021"
        in titles
    )


def test_deep_hit_links_to_its_section(client):
    results = hits(client, q="Zoom licences Covid Conversations")
    top = results.hits[0]
    assert top.title == QA
    assert "#" in top.link


def test_facet_counts_cover_the_whole_result_set_and_filters_combine(client):
    results = hits(client, q="Big Local")
    type_counts = {value.value: value.count for value in results.facets["type"]}
    assert sum(type_counts.values()) == results.total
    filtered = hits(client, q="Big Local", type="news", theme="investing-in-young-people")
    assert filtered.total == 1


def test_phrase_and_exclusion(client):
    phrase = [hit.title for hit in hits(client, q='"learning clusters"').hits]
    assert QA in phrase
    excluded = [hit.title for hit in hits(client, q="networks -clusters").hits]
    assert QA not in excluded


def test_empty_state_offers_ways_out(client):
    html = client.get("/search/", {"q": "xqzvj", "type": "news"}).content.decode()
    assert "No resources match" in html
    assert "Remove all filters" in html


def test_json_api_returns_results_and_facets(client):
    data = client.get("/api/search", {"q": "networks", "type": "qa-article"}).json()
    assert data["total"] == 1
    [result] = data["results"]
    assert set(result) == {"title", "url", "type", "snippet", "score"}
    assert result["type"] == "Q&A article"
    assert {"type", "theme", "region", "area", "year"} <= set(data["facets"])


def test_suggestions_complete_a_prefix(client):
    assert any(
        word.startswith("partner")
        for word in client.get("/api/suggest", {"q": "partn"}).json()["suggestions"]
    )


def test_index_follows_unpublish_and_publish(client, django_capture_on_commit_callbacks):
    page = ResourcePage.objects.get(slug="big-locals-together")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        assert "Big Locals Together" not in [h.title for h in hits(client, q="business plan").hits]
        with django_capture_on_commit_callbacks(execute=True):
            page.title = "Big Locals Together: a business plan beyond 2026"
            page.save_revision().publish()
        titles = [h.title for h in hits(client, q="business plan").hits]
        assert "Big Locals Together: a business plan beyond 2026" in titles
    finally:
        site_index.rebuild()  # the index file outlives the test's rolled-back transaction


def test_search_ranking_setting_overrides_the_defaults(settings):
    from search.site_index import get_index, reset_index

    settings.SEARCH_RANKING = {"mode": "lexical", "semantic_weight": 0.3}
    reset_index()
    try:
        index = get_index()
        assert index.settings.semantic_weight == 0.3
        assert index.search("community").mode == "lexical"
    finally:
        reset_index()
