"""Dates and authors come only from explicit evidence in the document."""

from __future__ import annotations

import pytest

from ingest.document import HEADING, PARAGRAPH, Block, SourceHints
from ingest.metadata import find_authors, find_publication_date, parse_date


@pytest.mark.parametrize(
    ("written", "iso", "precision"),
    [
        ("12 March 2019", "2019-03-12", "day"),
        ("March 12, 2019", "2019-03-12", "day"),
        ("2019-03-12T09:00:00Z", "2019-03-12", "day"),
        ("12/03/2019", "2019-03-12", "day"),
        ("March 2019", "2019-03", "month"),
        ("Sept 2020", "2020-09", "month"),
        ("2019", "2019", "year"),
    ],
)
def test_dates_keep_only_the_precision_they_state(written, iso, precision):
    date = parse_date(written)
    assert (date.isoformat(), date.precision) == (iso, precision)


def test_impossible_dates_are_not_dates():
    assert parse_date("31 February 2019").precision != "day"


def _blocks(*texts):
    return [Block(HEADING, texts[0], 1)] + [Block(PARAGRAPH, text) for text in texts[1:]]


def test_published_line_near_the_top_is_the_date():
    blocks = _blocks("Title", "Published: 4 May 2021", "Body text about the programme.")
    assert find_publication_date(blocks, SourceHints()).isoformat() == "2021-05-04"


def test_dateline_on_its_own_is_the_date():
    blocks = _blocks("Title", "June 2022", "Body text about the programme.")
    assert find_publication_date(blocks, SourceHints()).isoformat() == "2022-06"


def test_years_mentioned_in_passing_are_not_a_date():
    blocks = _blocks("Title", "In 2018 we piloted support that runs until 2021.", "2019")
    assert find_publication_date(blocks, SourceHints()) is None


def test_metadata_date_wins():
    hints = SourceHints(date="2020-01-31")
    assert find_publication_date(_blocks("Title", "Body"), hints).isoformat() == "2020-01-31"


def test_byline_gives_authors():
    blocks = _blocks("Title", "By Jane Smith and Ravi Patel", "Body text.")
    assert find_authors(blocks, SourceHints()) == ["Jane Smith", "Ravi Patel"]


def test_organisation_in_a_standfirst_is_not_an_author():
    blocks = _blocks("Title", "Local Trust explains how the support offer changed over time.")
    assert find_authors(blocks, SourceHints()) == []
