"""Resource types are detected from the cues an editor would use, as the types' own data states
them (the tests' copy of resource-types.csv)."""

from __future__ import annotations

from ingest.analysis import Labels, analyse
from ingest.document import HEADING, LIST_ITEM, PARAGRAPH, Block, SourceHints
from ingest.tests.conftest import DOMAIN
from ingest.vocabulary import load_vocabulary

BODY = "Residents led the work in their neighbourhood over many years with support. " * 3
LABELS = Labels.from_vocabulary(load_vocabulary(DOMAIN))


def _type(blocks, hints=None, labels=LABELS):
    document = analyse(blocks, "doc.txt", hints, labels)
    return document.resource_type, document.resource_type_confidence


def test_question_title_with_key_points_is_a_qa_article():
    blocks = [
        Block(HEADING, "What did residents learn?", 1),
        Block(HEADING, "Key points", 2),
        Block(LIST_ITEM, "They learned a lot."),
        Block(PARAGRAPH, BODY),
    ]
    kind, confidence = _type(blocks)
    assert kind == "Q&A article" and confidence > 0.6


def test_case_study_label_makes_a_case_study():
    blocks = [
        Block(HEADING, "Case Study", 1),
        Block(HEADING, "Building a hub", 1),
        Block(PARAGRAPH, BODY),
    ]
    assert _type(blocks)[0] == "Case study"


def test_dated_announcement_is_news():
    blocks = [
        Block(HEADING, "New fund opens", 1),
        Block(PARAGRAPH, "Published 3 May 2021"),
        Block(PARAGRAPH, "Today we make an announcement about new support. " + BODY),
    ]
    assert _type(blocks)[0] == "News"


def test_how_to_title_is_guidance():
    blocks = [
        Block(HEADING, "How to set up a community hub", 1),
        Block(PARAGRAPH, "Step 1: " + BODY),
    ]
    assert _type(blocks)[0] == "Guidance"


def test_transcript_with_speakers_is_a_podcast_episode():
    turns = [
        Block(PARAGRAPH, f"{name}: We talked about the programme and what changed.")
        for name in ["Amy", "Ben"] * 3
    ]
    blocks = [
        Block(HEADING, "Episode 4: Young people", 1),
        Block(PARAGRAPH, "Podcast transcript. " + BODY),
        *turns,
    ]
    assert _type(blocks)[0] == "Podcast episode"


def test_no_cues_gives_a_low_confidence_guess_with_a_warning():
    document = analyse([Block(PARAGRAPH, BODY)], "untitled.txt", SourceHints())
    assert document.resource_type_confidence < 0.5
    assert any("is a guess" in warning for warning in document.warnings)
    assert any("used the file name" in warning for warning in document.warnings)
    assert document.title == "untitled"
