"""The same document analyses alike whether it arrives as text, PDF, DOCX, HTML or Markdown."""

from __future__ import annotations

import pytest

from ingest.pipeline import analyse_file
from ingest.tests.conftest import seed_path, seed_text, tag_names
from ingest.tests.makers import (
    docx_file,
    html_document,
    lines_pdf,
    markdown_file,
    seed_structure,
    weasyprint_pdf,
)
from ingest.tests.test_seed_documents import OUR_BIGGER_STORY_AREAS


def essentials(document) -> dict:
    return {
        "type": document.resource_type,
        "title": document.title,
        "key_points": document.key_points,
        "headings": [s.heading for s in document.sections if s.heading],
        "references": [(r.authors, r.year, r.title, r.url) for r in document.references],
        "citations": [(c.text, c.reference_index) for c in document.citations],
        "areas": tag_names(document, "area"),
        "organisations": tag_names(document, "organisation"),
        "summary": document.summary,
    }


def _structure(number: int):
    return seed_structure(seed_text(number), first_is_title=number in (0, 3))


MAKERS = {
    "pdf": lambda structure: weasyprint_pdf(structure),
    "docx": docx_file,
    "html": lambda structure: html_document(structure).encode(),
    "md": lambda structure: markdown_file(structure).encode(),
}


@pytest.mark.parametrize("extension", sorted(MAKERS))
def test_seed_003_analyses_alike_in_every_format(extension, vocabulary):
    from_text = analyse_file(seed_path(3), vocabulary=vocabulary)
    data = MAKERS[extension](_structure(3))
    converted = analyse_file(data, f"networks.{extension}", vocabulary=vocabulary)
    assert converted.source_format == {"md": "markdown"}.get(extension, extension)
    assert essentials(converted) == essentials(from_text)


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_seed_000_case_study_analyses_alike_as_pdf_and_docx(extension, vocabulary):
    from_text = analyse_file(seed_path(0), vocabulary=vocabulary)
    converted = analyse_file(
        MAKERS[extension](_structure(0)), f"blt.{extension}", vocabulary=vocabulary
    )
    assert converted.resource_type == "Case study"
    assert converted.title == "Big Locals Together"
    assert converted.summary == from_text.summary
    assert tag_names(converted, "organisation") == tag_names(from_text, "organisation")


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_seed_002_news_page_analyses_alike_as_pdf_and_docx(extension, vocabulary):
    from_text = analyse_file(seed_path(2), vocabulary=vocabulary)
    converted = analyse_file(
        MAKERS[extension](_structure(2)), f"news.{extension}", vocabulary=vocabulary
    )
    assert essentials(converted) == essentials(from_text)
    assert "Skip to Main Content" not in converted.plain_text


def test_seed_001_laid_out_as_a_pdf_is_mended_like_its_extracted_text(vocabulary):
    # The seed is text extracted from a PDF; lay its lines out again, line for line.
    data = lines_pdf([line.rstrip() for line in seed_text(1).splitlines()])
    document = analyse_file(data, "our-bigger-story.pdf", vocabulary=vocabulary)
    assert document.source_format == "pdf"
    assert "longitudinal multi-media evaluation" in document.plain_text
    assert "multi- media" not in document.plain_text
    assert "front-line services" in document.plain_text
    assert document.resource_type == "Report"
    assert tag_names(document, "area") == OUR_BIGGER_STORY_AREAS
