"""Tag suggestions match names carefully and say how sure they are."""

from __future__ import annotations

from ingest.tagging import is_proper_name, suggest_tags
from ingest.vocabulary import Term, Vocabulary


def _names(text, vocabulary, kind="area"):
    return {tag.name for tag in suggest_tags(text, vocabulary) if tag.kind == kind}


def _tag(text, vocabulary, name):
    return next(tag for tag in suggest_tags(text, vocabulary) if tag.name == name)


def test_area_variants_are_recognised(vocabulary):
    text = (
        "Residents in Ramsey Million, Revoe and Northfleet met partners from Hanwell and "
        "Grassland Hasmoor, and from Growing Together."
    )
    assert _names(text, vocabulary) == {
        "Ramsey",
        "Blackpool Revoe",
        "Northfleet North",
        "Hanwell, Copley Close",
        "Grassland and Hasmoor",
        "Growing Together (Northampton East)",
    }


def test_boston_inside_another_name_is_not_central_boston(vocabulary):
    text = "Advice came from the Boston Consulting Group and from New Boston Partners."
    assert "Central Boston" not in _names(text, vocabulary)


def test_boston_on_its_own_is_central_boston(vocabulary):
    assert _names("Big Local partnerships like Boston told their story.", vocabulary) == {
        "Central Boston"
    }


def test_westfield_is_paired_with_its_town(vocabulary):
    assert _names("Thanks to Westfield, Sheffield for hosting.", vocabulary) == {"Westfield Estate"}
    assert _names("Thanks to Radstock and Westfield, Somerset.", vocabulary) == {
        "Radstock and Westfield"
    }


def test_westfield_without_its_town_is_not_guessed(vocabulary):
    assert _names("The Westfield shopping centre opened.", vocabulary) == set()


def test_proper_names_match_case_sensitively(vocabulary):
    text = "Each locality had a local trust fund and par bay windows."
    assert suggest_tags(text, vocabulary) == [] or not {
        tag.name for tag in suggest_tags(text, vocabulary) if tag.kind in ("area", "organisation")
    }


def test_names_match_whole_words_only(vocabulary):
    assert "Ramsey" not in _names("The Ramseys' garden and Ramseyville.", vocabulary)


def test_context_raises_confidence(vocabulary):
    plain = _tag("Dyke House was mentioned once.", vocabulary, "Dyke House")
    cued = _tag("Big Local areas like Dyke House did well.", vocabulary, "Dyke House")
    assert cued.confidence > plain.confidence


def test_repetition_raises_confidence(vocabulary):
    once = _tag("Par Bay held an event.", vocabulary, "Par Bay")
    thrice = _tag("Par Bay held an event. Par Bay grew. Par Bay again.", vocabulary, "Par Bay")
    assert thrice.confidence > once.confidence
    assert len(thrice.evidence) == 3 and "Par Bay" in thrice.evidence[0]


def test_organisation_abbreviations_are_recognised(vocabulary):
    text = "BLT's members met TSRC researchers and IVAR."
    assert {
        "Big Locals Together (BLT)",
        "Third Sector Research Centre (TSRC)",
        "Institute for Voluntary Action Research (IVAR)",
    } <= _names(text, vocabulary, "organisation")


def test_lower_case_brand_is_surer_at_the_start_of_a_sentence(vocabulary):
    inside = _tag("It is not always possible to plan.", vocabulary, "always possible")
    opening = _tag("We met. always possible wrote the plan.", vocabulary, "always possible")
    assert opening.confidence > inside.confidence


def test_glossary_terms_match_plurals_and_synonyms(vocabulary):
    text = "Locally Trusted Organisations and LTOs worked with reps and area coordinators."
    assert {
        "Locally Trusted Organisation (LTO)",
        "Big Local rep",
        "Area coordinator",
    } <= _names(text, vocabulary, "glossary_term")


def test_common_glossary_terms_match_in_any_case(vocabulary):
    assert "Resident-led" in _names(
        "RESIDENT-LED change and resident led work", vocabulary, "glossary_term"
    )
    assert is_proper_name("Make it Happen") and not is_proper_name("Resident-led")


def test_themes_come_from_keywords(vocabulary):
    text = "Young people joined sports sessions and youth clubs; children and young people led."
    theme = _tag(text, vocabulary, "Investing in young people")
    assert theme.kind == "theme" and theme.confidence > 0.3


def test_vocabulary_is_passed_in_not_read_from_disk():
    vocabulary = Vocabulary(areas=[Term("Testtown", ("Test Town",), ("Testshire",))])
    assert _names("Work in Test Town, Testshire.", vocabulary) == {"Testtown"}


def test_suggestions_are_ordered_by_kind_then_confidence(vocabulary):
    tags = suggest_tags(
        "Local Trust worked with Big Local areas like Par Bay and Ramsey.", vocabulary
    )
    kinds = [tag.kind for tag in tags]
    assert kinds == sorted(kinds, key=["area", "organisation", "glossary_term", "theme"].index)
