"""The five seed documents analyse to what a careful editor would enter."""

from __future__ import annotations

import re

from ingest.tests.conftest import tag_names

OUR_BIGGER_STORY_AREAS = {
    "Barrowcliff",
    "Birchfield",
    "Bountagu (Bounces-Montagu)",
    "Catton Grove",
    "Grassland and Hasmoor",
    "Growing Together (Northampton East)",
    "Hanwell, Copley Close",
    "Lawrence Weston",
    "Northfleet North",
    "Radstock and Westfield",
    "Ramsey",
    "Blackpool Revoe",
    "Three Parishes - Gobowen, St Martins and Weston Rhyn",
    "Westfield Estate",
    "Whitley Bay",
}


def test_seed_000_is_a_case_study_titled_big_locals_together(analysed_seeds):
    document = analysed_seeds[0]
    assert document.resource_type == "Case study"
    assert document.title == "Big Locals Together"
    assert document.publication_date is None
    assert document.summary.startswith("Big Locals Together (BLT) are a network")


def test_seed_000_bullets_lose_their_glyphs(analysed_seeds):
    items = [b.text for b in analysed_seeds[0].blocks if b.kind == "list_item"]
    assert "Phase 3: creating a business plan" in items
    assert not any("•" in block.text for block in analysed_seeds[0].blocks)


def test_seed_000_names_its_organisations(analysed_seeds):
    organisations = tag_names(analysed_seeds[0], "organisation")
    assert {"Big Locals Together (BLT)", "Local Trust", "always possible"} <= organisations


def test_seed_001_is_a_report(analysed_seeds):
    document = analysed_seeds[1]
    assert document.resource_type == "Report"
    assert document.summary.startswith("Big Local is a long-term resident-led programme")


def test_seed_001_has_no_split_words(analysed_seeds):
    text = analysed_seeds[1].plain_text
    assert "longitudinal multi-media evaluation" in text
    assert "multi- media" not in text and "multi-\nmedia" not in text
    assert "front-line services" in text
    assert not re.search(r"[a-z]- [a-z]", text), re.findall(r"\w+- \w+", text)


def test_seed_001_paragraphs_are_whole_sentences(analysed_seeds):
    paragraphs = [b.text for b in analysed_seeds[1].blocks if b.kind == "paragraph"]
    assert "hypothesis that ‘long term funding and support to build capacity" in paragraphs[0]
    assert all(not p.endswith(" M") for p in paragraphs)


def test_seed_001_lists_the_four_outcomes_as_items(analysed_seeds):
    items = [b.text for b in analysed_seeds[1].blocks if b.kind == "list_item"]
    assert "People will feel that their area is an even better place to live." in items
    assert "Whitley Bay, North Tyneside" in items


def test_seed_001_sections_have_headings(analysed_seeds):
    headings = [s.heading for s in analysed_seeds[1].sections]
    assert "Change in Big Local" in headings
    assert "How change happens – strategies for change" in headings
    assert "About the Third Sector Research Centre" in headings


def test_seed_001_tags_the_15_our_bigger_story_areas(analysed_seeds):
    assert tag_names(analysed_seeds[1], "area") == OUR_BIGGER_STORY_AREAS


def test_seed_001_tags_the_research_centre(analysed_seeds):
    assert {"Local Trust", "Third Sector Research Centre (TSRC)"} <= tag_names(
        analysed_seeds[1], "organisation"
    )


def test_seed_002_is_news(analysed_seeds):
    assert analysed_seeds[2].resource_type == "News"


def test_seed_002_has_no_web_boilerplate(analysed_seeds):
    text = analysed_seeds[2].plain_text
    assert "Skip to Main Content" not in text
    assert "Read more" not in text


def test_seed_002_author_comes_from_the_standfirst(analysed_seeds):
    assert analysed_seeds[2].authors == ["Gabriel Davies"]


def test_seed_002_title_is_suggested_from_its_closing_link(analysed_seeds):
    document = analysed_seeds[2]
    assert document.title.startswith("Big Local areas can access specialist new support")
    assert any("please check it" in warning for warning in document.warnings)


def test_seed_002_years_in_passing_are_not_a_publication_date(analysed_seeds):
    assert analysed_seeds[2].publication_date is None


def test_seed_002_tags_areas_named_in_passing(analysed_seeds):
    assert tag_names(analysed_seeds[2], "area") == {
        "Par Bay",
        "Central Boston",
        "Ramsey",
        "Dyke House",
    }


def test_seed_002_tags_the_support_partners(analysed_seeds):
    assert tag_names(analysed_seeds[2], "organisation") == {
        "Local Trust",
        "Shared Assets",
        "Media Trust",
        "Campaign for Better Transport",
        "StreetGames",
    }


def test_seed_003_is_a_qa_article_titled_as_its_question(analysed_seeds):
    document = analysed_seeds[3]
    assert document.resource_type == "Q&A article"
    assert document.title == "How did Local Trust support Big Local areas to build networks?"
    assert document.resource_type_confidence >= 0.6


def test_seed_003_has_five_key_points(analysed_seeds):
    key_points = analysed_seeds[3].key_points
    assert len(key_points) == 5
    assert key_points[0].startswith("The Big Local model enabled partnerships")
    assert key_points[-1].endswith("bringing people together should be fun.")


def test_seed_003_sections_have_headings_and_anchors(analysed_seeds):
    sections = analysed_seeds[3].sections
    assert sections[0].heading == "Networks in Big Local"
    assert sections[0].anchor == "networks-in-big-local"
    assert sections[0].paragraphs[0].startswith("Networks, whether formal or informal")
    headings = [s.heading for s in sections]
    assert "Reflections and learning" in headings
    assert "Key points" not in headings and "References" not in headings
    assert len({s.anchor for s in sections}) == len(sections)


def test_seed_003_summary_is_the_first_substantial_paragraph(analysed_seeds):
    assert analysed_seeds[3].summary.startswith("Networks, whether formal or informal")


def test_seed_003_has_ten_structured_references_with_years(analysed_seeds):
    references = analysed_seeds[3].references
    assert len(references) >= 10
    assert all(ref.year for ref in references)
    assert all(ref.title and ref.authors for ref in references)


def test_seed_003_reference_fields_are_split(analysed_seeds):
    dobson = analysed_seeds[3].references[0]
    assert dobson.authors == ["Dobson, J.", "Gore, T.", "Graham, K.", "Swade, K."]
    assert dobson.year == 2022
    assert dobson.title.startswith("Unlocking the potential of Big Local partnerships")
    assert dobson.publisher == "Local Trust and Sheffield Hallam University"
    assert dobson.url == (
        "https://shu.ac.uk/centre-regional-economic-social-research/publications/"
        "unlocking-the-potential-of-big-local-partnerships"
    )
    assert dobson.accessed == "2025-07-22"


def test_seed_003_unpublished_references_keep_their_note(analysed_seeds):
    notes = {
        ref.year: ref.note for ref in analysed_seeds[3].references if ref.authors == ["Local Trust"]
    }
    assert notes[2021] == "Unpublished internal document."
    assert notes[2018] == "Available on Learning from Big Local."


def test_seed_003_citations_are_linked_to_their_references(analysed_seeds):
    document = analysed_seeds[3]
    linked = {c.text: document.references[c.reference_index] for c in document.citations}
    assert linked["Dobson et al., 2022"].authors[0] == "Dobson, J."
    assert linked["Hashmi and Davis, 2025"].authors == ["Hashmi, I.", "Davis, J."]
    assert linked["Local Trust, 2018"].title == "Review of the support offer"
    assert linked["Wilson et al., 2022"].year == 2022
    assert all(c.reference_index is not None for c in document.citations)
    assert len(document.citations) == 7


def test_seed_003_tags_organisations(analysed_seeds):
    organisations = tag_names(analysed_seeds[3], "organisation")
    assert {"Locality", "Local Trust"} <= organisations
    assert "Amazing Communities Together (ACT)" in organisations


def test_seed_003_tags_glossary_terms_it_defines(analysed_seeds):
    terms = tag_names(analysed_seeds[3], "glossary_term")
    assert {"Big Local partnership", "Locally Trusted Organisation (LTO)", "Big Local rep"} <= terms
    assert "Big Local worker" in terms


def test_seed_003_area_named_in_passing_is_tagged(analysed_seeds):
    assert tag_names(analysed_seeds[3], "area") == {"Growing Together (Northampton East)"}


def test_seed_004_is_news(analysed_seeds):
    assert analysed_seeds[4].resource_type == "News"


def test_seed_004_author_comes_from_the_standfirst(analysed_seeds):
    assert analysed_seeds[4].authors == ["Chloe Juliette"]


def test_seed_004_tags_the_funder(analysed_seeds):
    assert "The National Lottery Community Fund" in tag_names(analysed_seeds[4], "organisation")


def test_no_seed_has_a_guessed_publication_date(analysed_seeds):
    assert all(document.publication_date is None for document in analysed_seeds.values())


def test_every_seed_gets_a_summary_and_a_content_hash(analysed_seeds):
    for document in analysed_seeds.values():
        assert document.summary
        assert len(document.content_hash) == 64
