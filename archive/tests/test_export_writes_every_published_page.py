"""The export holds every published page, its downloads, the feeds, sitemap, media and static
files, written where the archive's relative links expect them."""

import pytest
from wagtail.models import Page

from resources.models import ResourceAttachment, ResourcePage

pytestmark = pytest.mark.django_db


def test_every_live_page_has_an_index_file(export):
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    missing = [
        page.url
        for page in pages
        if not (export.out / page.url.lstrip("/") / "index.html").is_file()
    ]
    assert pages.count() > 150
    assert missing == []


def test_every_resource_comes_with_its_plain_text_and_citation_downloads(export):
    for resource in ResourcePage.objects.live():
        folder = export.out / resource.url.lstrip("/")
        assert (folder / "text/index.txt").read_text().startswith(resource.title[:20])
        assert "TI  - " in (folder / "cite/ris/index.ris").read_text()
        assert (folder / "cite/bibtex/index.bib").read_text().lstrip().startswith("@")


def test_feeds_sitemap_and_stylesheet_are_exported(export):
    for name in ("feeds/resources.rss", "feeds/resources.atom", "sitemap.xml", "robots.txt"):
        assert (export.out / name).stat().st_size > 0, name
    assert list((export.out / "static").rglob("*.css"))
    assert (export.out / "feeds/themes").is_dir()


def test_attached_documents_are_exported(export):
    attachments = ResourceAttachment.objects.filter(page__live=True).select_related("document")
    assert attachments.exists()
    for attachment in attachments:
        exported = export.out / attachment.document.url.lstrip("/")
        assert exported.is_file(), attachment.document.url
        assert exported.stat().st_size == attachment.document.file.size


def test_search_page_brings_its_script_and_pagefinds_index(export):
    html = (export.out / "search/index.html").read_text()
    assert 'src="../static/archive/js/archive-search.js"' in html
    assert (export.out / "static/archive/js/archive-search.js").is_file()
    assert (export.out / "pagefind/pagefind.js").is_file()
    assert (export.out / "pagefind/pagefind-entry.json").is_file()


def test_nothing_is_left_behind_but_the_archive(export):
    leftovers = [p.name for p in export.out.parent.iterdir() if p != export.out]
    assert leftovers == []
    assert export.missing == []


def test_open_data_files_are_exported_as_the_site_serves_them(export, client):
    package = client.get("/data/datapackage.json")
    assert package.status_code == 200
    assert (export.out / "data/datapackage.json").read_bytes() == package.content
    assert (export.out / "data/index.html").is_file()
    for resource in package.json()["resources"]:
        live = client.get("/data/" + resource["path"])
        served = b"".join(live.streaming_content) if live.streaming else live.content
        assert (export.out / "data" / resource["path"]).read_bytes() == served, resource["path"]


def test_the_archive_folder_is_readable_by_a_web_server(export):
    assert export.out.stat().st_mode & 0o005 == 0o005
