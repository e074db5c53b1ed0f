"""The library site's page template read as a careful editor would: the type label and theme
labels are applied, the hero's alt text, caption and credit are kept as the image's, and none of
them turns into a section heading or the summary."""

import pytest

from ingest.pipeline import analyse_file
from ingest.review import threshold_for
from ingest.tests.pages import LAYOUT_A, LAYOUT_B, layout_a_html

TRANSCRIPT = """Episode 4 of the neighbourhood podcast
In this episode the host visits a community garden and hears how it started.
Sam Host 00:04
I came to the garden on a wet Tuesday, and the first thing I saw was the greenhouse.
Priya 00:31
We built it from old windows. Do you want to see the beds?
Sam Host 00:40
Yes please. How long did it take?
Priya 00:44
About two summers, with a lot of help from the school.
"""


@pytest.fixture(scope="module", params=["text", "html"])
def layout_a(request, vocabulary):
    if request.param == "text":
        return analyse_file(LAYOUT_A.encode(), "library.txt", vocabulary=vocabulary)
    return analyse_file(layout_a_html().encode(), "library.html", vocabulary=vocabulary)


def test_type_label_is_the_type(layout_a):
    assert layout_a.resource_type == "Q&A article"
    assert layout_a.title == "How did residents in a small town keep their library open?"


def test_theme_labels_are_applied_as_themes_and_no_others(layout_a):
    threshold = threshold_for("theme")
    applied = {t.name for t in layout_a.tags if t.kind == "theme" and t.confidence >= threshold}
    assert applied == {"Community assets and spaces", "Resident leadership"}


def test_caption_and_credit_are_kept_for_the_hero_image(layout_a):
    assert layout_a.hero_caption == "Volunteers at the reopened library in the town centre"
    assert layout_a.hero_credit == "Sam Example"
    assert layout_a.hero_alt.startswith("Three volunteers stand behind a counter")


def test_labels_and_caption_are_not_section_headings(layout_a):
    headings = [s.heading for s in layout_a.sections if s.heading]
    assert headings == ["Taking on the building", "What they learned"][: len(headings)]
    assert not any("credit" in h.lower() or "Resident leadership" in h for h in headings)


def test_summary_is_the_introduction_not_the_alt_text(layout_a):
    assert layout_a.summary.startswith("This article looks at how a group of residents")


def test_layout_b_keeps_its_key_points_and_introduction(vocabulary):
    document = analyse_file(LAYOUT_B.encode(), "planning.txt", vocabulary=vocabulary)
    assert document.title.startswith("What helped partnerships plan")
    assert len(document.key_points) == 3
    assert document.summary.startswith("Every partnership knew its funding would end")
    assert document.resource_type == "Q&A article"


def test_areas_are_not_tagged_from_a_photo_caption(vocabulary):
    text = LAYOUT_A.replace("in the town centre", "in Par Bay")
    document = analyse_file(text.encode(), "library.txt", vocabulary=vocabulary)
    assert "Par Bay" not in {t.name for t in document.tags if t.kind == "area"}
    assert document.hero_caption.endswith("in Par Bay")


def test_speaker_turns_of_a_transcript_are_not_headings(vocabulary):
    document = analyse_file(TRANSCRIPT.encode(), "episode.txt", vocabulary=vocabulary)
    assert [s.heading for s in document.sections if s.heading] == []
    assert document.resource_type == "Podcast episode"


def test_a_section_heading_named_like_a_theme_stays_a_heading(vocabulary):
    text = LAYOUT_B.replace("Starting early", "Community engagement")
    document = analyse_file(text.encode(), "planning.txt", vocabulary=vocabulary)
    assert "Community engagement" in [s.heading for s in document.sections]
    assert document.stated_themes == []
