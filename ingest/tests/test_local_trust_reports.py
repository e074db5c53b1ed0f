"""A report in the shape of Local Trust's PDF reports: a title, the month it was published, a
byline, key findings as bullets, an introduction, sections and a figure the text refers to."""

import pytest

from ingest.pipeline import analyse_file
from ingest.tests.makers import weasyprint_pdf

BODY = (
    "Residents on the estate met every month in the community centre to decide how the money "
    "would be spent, and the minutes of those meetings are the main source for this section. "
)
STRUCTURE = [
    ("title", "Keeping the lights on: community buildings after the funding ends"),
    ("paragraph", "March 2024"),
    ("paragraph", "By Jane Okafor and Tom Reilly"),
    ("heading", "Key findings"),
    ("item", "Buildings with a regular hirer were the most likely to stay open."),
    ("item", "Volunteers needed training in running a lease, not only in running activities."),
    ("item", "Councils were more willing to transfer a building when residents had a plan."),
    ("heading", "Introduction"),
    (
        "paragraph",
        "This report asks what happened to community buildings that residents took on with "
        "programme money, once that money came to an end, and what helped them stay open.",
    ),
    ("paragraph", "The buildings we visited can be grouped as shown in the following diagram:"),
    ("paragraph", "Most of them fell into the first group, with one or two regular hirers."),
    *[("heading", f"What we found in area {n}") for n in range(1)],
    *[("paragraph", BODY * 6) for _ in range(14)],
]


@pytest.fixture(scope="module")
def report(vocabulary):
    pdf = weasyprint_pdf(STRUCTURE)
    return analyse_file(pdf, "keeping-the-lights-on.pdf", vocabulary=vocabulary)


def test_report_is_several_pages_long():
    import io

    import pypdf

    assert len(pypdf.PdfReader(io.BytesIO(weasyprint_pdf(STRUCTURE))).pages) >= 4


def test_bullet_key_findings_stay_three_key_points(report):
    assert len(report.key_points) == 3
    assert report.key_points[0].startswith("Buildings with a regular hirer")


def test_month_and_year_are_the_publication_date(report):
    assert report.publication_date is not None
    assert report.publication_date.isoformat() == "2024-03"


def test_byline_becomes_the_authors_and_leaves_the_body(report):
    assert report.authors == ["Jane Okafor", "Tom Reilly"]
    body = " ".join(p for s in report.sections for p in s.paragraphs)
    assert "By Jane Okafor" not in body


def test_report_without_a_question_for_a_title_is_not_a_qa_article(report):
    assert report.resource_type == "Report"


def test_introduction_is_the_summary(report):
    assert report.summary.startswith("This report asks what happened to community buildings")


def test_figure_the_text_refers_to_is_noted_as_not_reproduced(report):
    body = " ".join(p for s in report.sections for p in s.paragraphs)
    assert "following diagram: (figure not reproduced)" in body


def test_a_theme_is_suggested_by_meaning(report):
    themes = {tag.name for tag in report.tags if tag.kind == "theme"}
    assert "Community assets and spaces" in themes
