"""`manage.py evaluate_import DIR`: per-field accuracy of a dry-run import against expected facts,
with JSON as its last line; the checks on summaries and headings read the raw files themselves."""

import io
import json

import pytest
from django.core.management import call_command

from ingest.evaluation import Expected, RawLines, Scores
from ingest.tests.pages import LAYOUT_A, LAYOUT_B
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db

THEMES = {
    "resident leadership": "Resident leadership",
    "community assets and spaces": "Community assets and spaces",
}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "library.txt").write_text(LAYOUT_A)
    (tmp_path / "planning.txt").write_text(LAYOUT_B)
    expected = {
        "pages": [
            {
                "slug": "library",
                "title": "How did residents in a small town keep their library open?",
                "type": "Q&A article",
                "themes": ["Community assets and spaces", "Resident leadership"],
                "key_points": None,
                "image_credit": "Sam Example",
            },
            {
                "slug": "planning",
                "title": "What helped partnerships plan for the years after their funding ended?",
                "type": None,
                "themes": [],
                "key_points": 3,
                "image_credit": None,
            },
        ]
    }
    (tmp_path / "expected.json").write_text(json.dumps(expected))
    return tmp_path


def test_evaluation_prints_per_field_accuracy_and_json_last(folder):
    before = ResourcePage.objects.count()
    out = io.StringIO()
    call_command("evaluate_import", str(folder), stdout=out)
    lines = out.getvalue().strip().splitlines()
    result = json.loads(lines[-1])
    assert result["title"] == {"rate": 1.0, "known": 2}
    assert result["type"]["rate"] == 1.0 and result["image_credit"]["rate"] == 1.0
    assert result["key_points"]["rate"] == 1.0
    assert result["themes"]["precision"] == 1.0 and result["themes"]["recall"] == 1.0
    assert result["summaries_from_alt_text"] == 0
    assert result["label_or_caption_sections"] == 0
    assert "title: 100% (2/2)" in lines
    assert ResourcePage.objects.count() == before  # a dry run


def test_alt_text_summary_and_caption_heading_are_caught_from_the_raw_file():
    raw = RawLines.read(LAYOUT_A, {"q and a article"}, THEMES)
    entry = {
        "outcome": "imported",
        "title": "How did residents in a small town keep their library open?",
        "summary": "Three volunteers stand behind a counter stacked with books, smiling at the camera.",
        "sections": ["Volunteers at the reopened library in the town centre (credit: Sam Example)"],
        "hero": {"credit": ""},
        "suggestions": [],
    }
    scores = Scores()
    scores.score(Expected(slug="library"), entry, raw)
    assert scores.summaries_from_alt_text == 1
    assert scores.label_or_caption_sections == 1
    assert scores.summary_is_article_text.rate == 0.0
