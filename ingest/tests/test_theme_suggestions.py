"""Themes suggested by meaning: from each theme's own words, and from the resources already tagged
with it, which vote for their themes when a document is like them (text of our own)."""

from dataclasses import replace

import pytest

from ingest.library_vocabulary import theme_keywords
from ingest.pipeline import analyse_file
from ingest.review import threshold_for
from ingest.vocabulary import Example

# In the shape of a real page (layout A): type label, title, hero alt text, caption with credit,
# introduction, sections. It is about how the programme was researched, without naming the theme.
RESEARCH_PAGE = """Q&A article

How was the learning from the programme gathered?

A notice board covered in sticky notes written by residents at a drop-in session.
Notes left by residents at an open day in the community centre (credit: Alex Sample)

This article explains how the research behind these pages was done, and why it looks the way it does.

Learning without targets

The programme set no targets and asked areas for very little paperwork, so there was no single data set to analyse. Instead, researchers followed a group of areas for many years, read the plans and reviews that partnerships wrote, and talked to residents, workers and staff about what had changed.

The programme's four broad outcomes were the frame for this work: that communities would identify their needs and act on them, that people would gain skills and confidence, that communities would make a difference to what they prioritised, and that people would feel their area had become a better place to live.
"""

# Resources as the bundled library tags them: long summaries that speak of the whole programme,
# most of them also counted as its overview.
EVALUATION = (
    "Ten years of resident-led change. Big Local is a long-term programme in which residents of "
    "150 areas in England decide how to spend at least a million pounds each. This evaluation "
    "followed fifteen areas from their first plans to the end of the programme, charting how "
    "change came about and what difference residents made to their neighbourhoods."
)
LEARNING = (
    "How did areas learn from each other? Local Trust ran learning clusters, peer visits and "
    "national events so that residents and workers from different Big Local areas could share "
    "what worked, build their skills and confidence, and speak together to funders and policy."
)
GUIDE = (
    "A guide to this website. The research, stories and area summaries gathered here record "
    "what residents in Big Local areas did over fifteen years and what others can learn from it."
)
NETWORK = (
    "A network of partnerships. Residents' groups from many areas formed a network of their own "
    "to share what they had learned and to speak to funders together."
)
LIBRARY_EXAMPLES = {
    "Community change": [EVALUATION, GUIDE, LEARNING],
    "Resident leadership": [EVALUATION, LEARNING],
    "Working collaboratively": [LEARNING, NETWORK],
}


def with_examples(vocabulary, examples, sources=None):
    """The test vocabulary as the library gives it: the keyword phrases editors keep beside the
    importer, and tagged resources as examples."""
    keywords = theme_keywords()
    themes = [
        replace(
            theme,
            variants=tuple(keywords.get(theme.name, theme.variants)),
            examples=tuple(
                Example(text, (sources or {}).get(text, "library"))
                for text in examples.get(theme.name, ())
            ),
        )
        for theme in vocabulary.themes
    ]
    return replace(vocabulary, themes=themes)


def theme_confidences(document) -> dict[str, float]:
    return {tag.name: tag.confidence for tag in document.tags if tag.kind == "theme"}


def applied(confidences: dict[str, float]) -> set[str]:
    return {name for name, value in confidences.items() if value >= threshold_for("theme")}


@pytest.fixture(scope="module")
def library_vocabulary(vocabulary):
    return with_examples(vocabulary, LIBRARY_EXAMPLES)


def test_a_page_on_how_the_programme_was_researched_is_tagged_community_change(
    library_vocabulary,
):
    document = analyse_file(RESEARCH_PAGE.encode(), "research.txt", vocabulary=library_vocabulary)
    confidences = theme_confidences(document)
    assert applied(confidences) == {"Community change"}, confidences


def test_examples_do_not_blur_themes_into_one_another(vocabulary, library_vocabulary):
    """Resources tagged with several themes at once are examples, not part of each theme's
    meaning: with or without them, the page's own theme leads by as much."""
    bare = with_examples(vocabulary, {})
    for words in (bare, library_vocabulary):
        document = analyse_file(RESEARCH_PAGE.encode(), "research.txt", vocabulary=words)
        confidences = sorted(theme_confidences(document).values(), reverse=True)
        assert confidences[0] - confidences[1] > 0.4, confidences


def test_a_document_like_a_tagged_resource_gains_its_theme(vocabulary, library_vocabulary):
    page = (
        "A network of our own\n"
        "Residents' groups from many areas formed a network of their own. They met twice a year "
        "to share what they had learned, and spoke to funders together about what areas needed.\n"
    )
    bare = theme_confidences(
        analyse_file(page.encode(), "network.txt", vocabulary=with_examples(vocabulary, {}))
    )
    voted = theme_confidences(
        analyse_file(page.encode(), "network.txt", vocabulary=library_vocabulary)
    )
    assert voted["Working collaboratively"] > bare.get("Working collaboratively", 0)


def test_a_file_imported_again_is_not_its_own_example(vocabulary):
    from ingest.pipeline import content_hash

    page = NETWORK.encode()
    itself = with_examples(vocabulary, LIBRARY_EXAMPLES, sources={NETWORK: content_hash(page)})
    others = {name: [t for t in texts if t != NETWORK] for name, texts in LIBRARY_EXAMPLES.items()}
    again = theme_confidences(analyse_file(page, "network.txt", vocabulary=itself))
    without = theme_confidences(
        analyse_file(page, "network.txt", vocabulary=with_examples(vocabulary, others))
    )
    assert again == without
