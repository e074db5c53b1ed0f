"""HTML reaches a page only through the one sanitiser (`security/sanitiser.py`).

Templates never print a value with `|safe` or Wagtail's unsanitised `|richtext`, and Python marks
strings safe only in the sanitiser and in the JSON-LD tag (which escapes `<`, `>` and `&`)."""

import re
from pathlib import Path

from security.sanitiser import clean_html, clean_stored_richtext, strip_markup

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {".venv", "var", "node_modules", "tests", "bench", "tools"}
MAY_MARK_SAFE = {ROOT / "security" / "sanitiser.py", ROOT / "lfbl/templatetags/structured_data.py"}


def _files(pattern):
    for path in ROOT.rglob(pattern):
        if not set(path.relative_to(ROOT).parts) & SKIPPED:
            yield path


def _lines(paths, expression):
    return [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in paths
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(expression, line)
    ]


def test_templates_print_html_only_through_the_sanitiser():
    assert not _lines(_files("*.html"), r"\|\s*safe\b|\|\s*richtext\b(?!_)|autoescape off")


def test_python_marks_strings_safe_only_in_the_sanitiser():
    modules = [path for path in _files("*.py") if path not in MAY_MARK_SAFE]
    assert not _lines(modules, r"\bmark_safe\(|\bSafeString\(|format_html\(")


def test_the_sanitiser_keeps_the_sites_markup_and_drops_what_runs():
    cleaned = clean_html(
        '<p class="lead">Text <a href="/glossary/#lto" aria-describedby="d">LTO</a>'
        '<span id="d" hidden>definition</span><img src="x" onerror="alert(1)">'
        '<a href="javascript:alert(1)">x</a><script>alert(1)</script><style>p{}</style></p>'
    )
    assert '<a href="/glossary/#lto" aria-describedby="d">LTO</a>' in cleaned
    assert "hidden" in cleaned and 'class="lead"' in cleaned
    for gone in ("onerror", "javascript:", "<script", "alert(1)</script>", "<style"):
        assert gone not in cleaned


def test_stored_rich_text_keeps_wagtails_own_links():
    stored = clean_stored_richtext(
        '<p><a linktype="page" id="4">About</a><iframe src=x></iframe></p>'
    )
    assert stored == '<p><a linktype="page" id="4">About</a></p>'


def test_strip_markup_keeps_words_and_plain_text_as_written():
    assert strip_markup("<b>Big</b> Local <script>alert(1)</script>") == "Big Local "
    assert strip_markup("Tom &amp; Jerry") == "Tom &amp; Jerry"
    assert strip_markup("3 < 4 & 5 > 2") == "3 < 4 & 5 > 2"
