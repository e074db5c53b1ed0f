"""Markup typed into the CMS's plain fields shows as text everywhere: a title, an author, a
publisher, a summary, a key point, a caption or a reference that holds `<script>` is words on the
page, in its citations, in search results, feeds and JSON-LD, never an element."""

import datetime

import pytest
from lxml import html as lxml_html

from resources.models import ResourceIndexPage, ResourcePage, ResourceReference, ResourceType
from search import site_index
from security.tests.test_hostile_imports import _executable

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('title')</script>"
IMG = '<img src=x onerror="alert(1)">'


@pytest.fixture
def page(tmp_path, settings):
    settings.SEARCH_INDEX_PATH = tmp_path / "search.sqlite3"
    site_index.reset_index()
    resource = ResourcePage(
        title=f"Escaping check {SCRIPT} {IMG}",
        slug="escaping-check",
        resource_type=ResourceType.objects.get(slug="report"),
        summary=f"A summary with {IMG} inside it and the word escapingcheck.",
        key_points=[("point", f"A key point {SCRIPT}")],
        body=[("paragraph", "<p>Body text escapingcheck.</p>")],
        publication_date=datetime.date(2024, 3, 1),
        publisher=f"Publisher {IMG}",
        hero_caption=f"Caption {IMG}",
        hero_credit=f"Credit {SCRIPT}",
    )
    ResourceIndexPage.objects.get().add_child(instance=resource)
    resource.authors.create(name=SCRIPT)
    resource.authors.create(name=f"Dobson, {IMG}")
    ResourceReference.objects.create(
        page=resource, title=f"Reference {IMG}", authors=SCRIPT, publisher=IMG, citation=IMG
    )
    resource.save_revision().publish()
    site_index.rebuild()
    yield resource
    site_index.reset_index()


def test_page_and_cite_this_show_markup_as_text(client, page):
    markup = client.get(page.url).content.decode()
    assert not _executable(markup)
    citations = lxml_html.fromstring(markup).xpath("//dd")
    assert any("<script>alert('title')</script>" in dd.text_content() for dd in citations)
    assert "Escaping check <script>" in lxml_html.fromstring(markup).findtext(".//h1")


def test_search_results_and_suggestions_show_markup_as_text(client, page):
    markup = client.get("/search/", {"q": "escapingcheck"}).content.decode()
    assert not _executable(markup)
    titles = lxml_html.fromstring(markup).xpath("//h3[contains(@class, 'card-title')]")
    assert any("<script>" in title.text_content() for title in titles)


def test_feeds_carry_markup_only_as_escaped_text(client, page):
    import feedparser

    for url in ("/feeds/resources.rss", "/feeds/resources.atom"):
        feed = feedparser.parse(client.get(url).content, sanitize_html=False)
        [entry] = [entry for entry in feed.entries if entry.title.startswith("Escaping check")]
        assert not _executable(f"<div>{entry.summary}</div>")
        assert "<img" in lxml_html.fromstring(f"<div>{entry.summary}</div>").text_content()
