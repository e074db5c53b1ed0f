"""Hostile documents imported and published: nothing in them runs anywhere the site shows them.

Each format carries markup where it is most likely to be trusted: the PDF's /Title and /Author,
an HTML page's <title> and author meta, DOCX core properties and headings, Markdown front matter,
plus headings, paragraphs and references in the text. Every output that shows a resource is then
read and checked for executable markup: script elements, event-handler attributes, `javascript:`
addresses, and markup in JSON or in plain-text and citation downloads.
"""

import io

import feedparser
import pytest
from lxml import html as lxml_html

from archive.export import build_static_site
from ingest.batch import import_file
from ingest.drafts import build_vocabulary
from ingest.tests import makers
from resources.models import ResourceIndexPage, ResourcePage
from search import site_index

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
IMG = "<img src=x onerror=alert('xss')>"
LINK = "<a href=\"javascript:alert('xss')\">click</a>"
WORD = "hostilemarkupreport"


def _structure(label):
    return [
        ("title", f"{IMG} {label} {WORD} findings {SCRIPT}"),
        ("heading", f"{SCRIPT} What the {label} partnership found"),
        (
            "paragraph",
            f"Residents in the {label} area ran a youth club and a community garden {IMG} "
            f"and wrote about what worked for them {LINK} over ten years of Big Local funding.",
        ),
        ("item", f"Local people decided how the money was spent {SCRIPT}"),
        ("heading", "References"),
        ("paragraph", f"Dobson, J. (2020) {IMG} Big Local evaluation. Local Trust."),
    ]


def _pdf():
    import pypdf

    data = makers.weasyprint_pdf(_structure("pdf"))
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Title": f"{IMG} pdf {WORD} findings", "/Author": SCRIPT})
    out = io.BytesIO()
    writer.write(out)
    return "hostile.pdf", out.getvalue()


def _html():
    body = makers.html_document(_structure("html"), title=f"{IMG} html {WORD} findings")
    head = f'<meta name="author" content="{SCRIPT.replace(chr(34), "&quot;")}">'
    return "hostile.html", body.replace("<head>", f"<head>{head}").encode()


def _docx():
    import docx

    document = docx.Document(io.BytesIO(makers.docx_file(_structure("docx"))))
    document.core_properties.title = f"{IMG} docx {WORD} findings"
    document.core_properties.author = SCRIPT
    out = io.BytesIO()
    document.save(out)
    return "hostile.docx", out.getvalue()


def _markdown():
    front = f"---\ntitle: {IMG} markdown {WORD} findings\nauthor: {SCRIPT}\n---\n"
    return "hostile.md", (front + makers.markdown_file(_structure("markdown"))).encode()


@pytest.fixture
def hostile(tmp_path, settings):
    settings.SEARCH_INDEX_PATH = tmp_path / "search.sqlite3"
    site_index.reset_index()
    parent = ResourceIndexPage.objects.get()
    vocabulary = build_vocabulary()
    pages = []
    for name, data in (_pdf(), _html(), _docx(), _markdown()):
        path = tmp_path / name
        path.write_bytes(data)
        entry = import_file(path, parent=parent, vocabulary=vocabulary, publish=True)
        assert entry["outcome"] == "imported", entry
        pages.append(ResourcePage.objects.get(pk=entry["page_id"]))
    site_index.rebuild()
    yield pages
    site_index.reset_index()


def _executable(markup: str) -> list[str]:
    """Script elements (other than the site's own files and JSON-LD), on* attributes and
    javascript: addresses in an HTML document or fragment."""
    if not markup.strip():
        return []
    root = lxml_html.fromstring(markup)
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script":
            source = element.get("src") or ""
            own = "static/" in source and ":" not in source  # the site's own files, relative too
            data = element.get("type") == "application/ld+json" and "<" not in element.text
            if not (own or data):
                found.append(lxml_html.tostring(element, encoding="unicode")[:80])
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{element.tag} {name}={value}")
            if "javascript:" in value.replace(" ", "").lower():
                found.append(f"{element.tag} {name}={value}")
    return found


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_imported_strings_keep_their_words_but_lose_their_markup(hostile):
    for page in hostile:
        assert WORD in page.title
        for text in (page.title, page.summary, *page.author_names, page.plain_text()):
            assert "<" not in text and "onerror" not in text, text


def test_resource_pages_and_their_downloads_carry_no_executable_markup(client, hostile):
    for page in hostile:
        response = client.get(page.url)
        assert response.status_code == 200
        assert not _executable(response.content.decode()), page.title
        text = client.get(f"{page.url}text/")
        assert text["Content-Type"].startswith("text/plain")
        for citation in ("cite/ris/", "cite/bibtex/"):
            download = client.get(f"{page.url}{citation}")
            assert download["Content-Disposition"].startswith("attachment")
            assert "<" not in download.content.decode()


def test_listings_search_and_home_carry_no_executable_markup(client, hostile):
    for url in ("/", "/resources/", f"/search/?q={WORD}", f"/search/?q={WORD}+findings"):
        response = client.get(url)
        assert response.status_code == 200
        assert not _executable(response.content.decode()), url
    assert client.get("/search/", {"q": WORD}).context["results"].total == len(hostile)


@pytest.mark.parametrize("url", ["/feeds/resources.rss", "/feeds/resources.atom"])
def test_feeds_carry_no_executable_markup(client, hostile, url):
    feed = feedparser.parse(client.get(url).content, sanitize_html=False)
    entries = [entry for entry in feed.entries if WORD in entry.title]
    assert len(entries) == len(hostile)
    for entry in entries:
        for value in (entry.title, entry.get("summary", ""), entry.get("author", "")):
            assert not _executable(f"<div>{value}</div>"), value
            assert "<script" not in value and "onerror" not in value


def test_api_and_json_search_carry_no_markup(client, hostile):
    payloads = [client.get(f"/api/v1/resources/{page.slug}/").json() for page in hostile]
    payloads.append(client.get("/api/search", {"q": WORD}).json())
    payloads.append(client.get("/api/v1/resources/", {"page_size": 100}).json())
    for payload in payloads:
        for text in _strings(payload):
            assert "<script" not in text and "onerror" not in text and "javascript:" not in text
    # Snippets are HTML by design (highlighted words): escaped text and <mark> only.
    for result in payloads[len(hostile)]["results"]:
        assert not _executable(f"<div>{result['snippet']}</div>")
        fragment = lxml_html.fromstring(f"<div>{result['snippet']}</div>")
        assert {element.tag for element in fragment.iter()} <= {"div", "mark"}


def test_the_static_archive_carries_no_executable_markup(hostile, tmp_path):
    result = build_static_site(tmp_path / "archive", progress=False)
    pages = list(result.out.rglob("*.html"))
    offences = {}
    for path in pages:
        if found := _executable(path.read_text()):
            offences[str(path.relative_to(result.out))] = found
    assert not offences
    hostile_pages = [p for p in pages if any(page.slug in str(p) for page in hostile)]
    assert len(hostile_pages) >= len(hostile)
