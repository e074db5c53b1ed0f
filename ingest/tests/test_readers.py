"""Each reader turns its format into the same kind of blocks."""

from __future__ import annotations

from ingest import readers
from ingest.document import HEADING, LIST_ITEM, PARAGRAPH
from ingest.pipeline import analyse_file
from ingest.tests.conftest import seed_text
from ingest.tests.makers import docx_file, html_document, seed_structure

HOSTILE_PAGE = """<!DOCTYPE html><html><head><title>Support partners | Local Trust</title>
<meta property="article:published_time" content="2019-03-14T09:00:00Z">
<meta name="author" content="Gabriel Davies">
<script>document.cookie = 'stolen'; alert('xss')</script>
<style>body { background: url(javascript:alert(1)) }</style></head>
<body onload="alert('onload')">
<a class="skip-link" href="#main">Skip to Main Content</a>
<div class="cookie-banner">We use cookies to improve your experience.
  <button onclick="accept()">Accept all cookies</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header>
<main id="main"><article>
<h1>Big Local areas can access new support</h1>
<p onclick="steal()">Local Trust has opened four support offers to every Big Local area, and
partners will meet residents before any money is committed.<script>alert('inline')</script></p>
<img src="x" onerror="alert('img')">
<h2>The partners</h2>
<ul><li>Shared Assets brings expertise on land management.</li>
<li>StreetGames supports community sport.<iframe src="javascript:alert(2)"></iframe></li></ul>
<p>Each offer is open for the next two years, opening to areas every six months.</p>
<a href="/more">Read more</a>
</article></main>
<footer><p>Registered charity number 1147511</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_html_reader_keeps_main_content_only():
    blocks = readers.read_html(HOSTILE_PAGE).blocks
    texts = [block.text for block in blocks]
    assert texts[0] == "Big Local areas can access new support"
    assert "Shared Assets brings expertise on land management." in texts
    joined = "\n".join(texts)
    for furniture in ("Skip to Main Content", "cookies", "Home", "Registered charity", "Read more"):
        assert furniture not in joined


def test_hostile_html_yields_no_script_text():
    document = analyse_file(HOSTILE_PAGE.encode(), "page.html")
    text = document.plain_text + document.title + document.summary
    for payload in ("alert", "document.cookie", "steal", "onclick", "javascript", "<"):
        assert payload not in text


def test_html_reader_keeps_headings_and_lists():
    kinds = [(b.kind, b.level) for b in readers.read_html(HOSTILE_PAGE).blocks]
    assert (HEADING, 1) in kinds and (HEADING, 2) in kinds and (LIST_ITEM, 0) in kinds


def test_html_metadata_gives_title_date_and_author():
    document = analyse_file(HOSTILE_PAGE.encode(), "page.html")
    assert document.publication_date.isoformat() == "2019-03-14"
    assert document.publication_date.precision == "day"
    assert document.authors == ["Gabriel Davies"]


def test_html_page_without_main_element_keeps_its_structure():
    page = html_document(seed_structure(seed_text(3)))
    blocks = readers.read_html(page).blocks
    assert blocks[0].kind == HEADING and blocks[0].text.startswith("How did Local Trust")
    assert sum(1 for b in blocks if b.kind == LIST_ITEM) == 5
    assert any(b.kind == HEADING and b.text == "References" for b in blocks)


def test_docx_reader_maps_word_styles_to_blocks():
    structure = [
        ("title", "A guide to match funding"),
        ("heading", "Key points"),
        ("item", "Partnerships paid part of the cost."),
        ("paragraph", "Match funding meant residents shared the cost of support."),
    ]
    blocks = readers.read_docx(docx_file(structure)).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (HEADING, "A guide to match funding"),
        (HEADING, "Key points"),
        (LIST_ITEM, "Partnerships paid part of the cost."),
        (PARAGRAPH, "Match funding meant residents shared the cost of support."),
    ]


def test_markdown_reader_reads_front_matter_headings_and_lists():
    text = (
        "---\ntitle: Learning clusters\ndate: 2021-06-01\nauthor: Jane Smith\n---\n\n"
        "# Learning clusters\n\nClusters brought areas together on shared topics.\n\n"
        "## Key points\n\n- Clusters were valued.\n- Facilitation mattered.\n\n"
        "<script>alert('md')</script>\n"
    )
    document = analyse_file(text.encode(), "clusters.md")
    assert document.source_format == "markdown"
    assert document.title == "Learning clusters"
    assert document.key_points == ["Clusters were valued.", "Facilitation mattered."]
    assert document.publication_date.isoformat() == "2021-06-01"
    assert document.authors == ["Jane Smith"]
    assert "alert" not in document.plain_text


def test_markdown_is_recognised_by_content_without_extension():
    text = "# Title here\n\nSome text in a paragraph.\n\n## Second heading\n\nMore text.\n"
    assert analyse_file(text.encode(), "notes").source_format == "markdown"


def test_pdf_reader_rebuilds_headings_paragraphs_and_bullets():
    from ingest.tests.makers import weasyprint_pdf

    structure = seed_structure(seed_text(3))[:12]
    blocks = readers.read_pdf(weasyprint_pdf(structure)).blocks
    assert blocks[0] == blocks[0].__class__(HEADING, structure[0][1], 1)
    assert [b.kind for b in blocks[1:7]] == [HEADING] + [LIST_ITEM] * 5
    assert blocks[2].text == structure[2][1]


def test_plain_text_lines_become_headings_paragraphs_and_items():
    blocks = readers.read_text(seed_text(0)).blocks
    assert blocks[0] == blocks[0].__class__(HEADING, "Case Study: Strategy & Impact", 1)
    assert blocks[1].kind == HEADING and blocks[1].text == "Big Locals Together"
    assert sum(1 for b in blocks if b.kind == LIST_ITEM) == 7
