"""Every internal link and asset in the export resolves, checked by LinkChecker over file:// URLs,
and nothing still points at the site root, so the copy works from any folder or host subpath."""

import posixpath
import re
import shutil

import lxml.html
import pytest

from archive.tests.linkcheck import check_links

pytestmark = pytest.mark.django_db
LINK_ATTRIBUTES = ("href", "src", "action", "srcset", "poster")


def _html_files(out):
    return [path for path in out.rglob("*.html") if "pagefind" not in path.relative_to(out).parts]


def test_link_checker_finds_no_broken_internal_link_or_missing_asset(export):
    checked, broken = check_links(export.out)
    assert broken == []
    # The crawl really went through the archive: every page file was reached.
    checked_files = {url.split("?")[0].split("#")[0] for url in checked if url.startswith("file:")}
    unreached = [p for p in _html_files(export.out) if p.resolve().as_uri() not in checked_files]
    assert unreached == []


def test_link_checker_reports_a_missing_stylesheet(export, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(export.out, copy, ignore=shutil.ignore_patterns("pagefind", "areas"))
    for stylesheet in (copy / "static").rglob("*.css"):
        stylesheet.unlink()
    _, broken = check_links(copy, "about/index.html")
    assert any(".css" in line for line in broken)


def test_no_html_or_css_link_starts_at_the_site_root(export):
    rooted = []
    for path in _html_files(export.out):
        doc = lxml.html.fromstring(path.read_bytes())
        for element in doc.iter():
            for attribute in LINK_ATTRIBUTES:
                value = (
                    (element.get(attribute) or "").strip() if isinstance(element.tag, str) else ""
                )
                if value.startswith("/"):
                    rooted.append(f"{path.relative_to(export.out)}: {attribute}={value}")
    for path in export.out.rglob("*.css"):
        rooted += [f"{path}: {m}" for m in re.findall(r"url\(\s*['\"]?/[^)]*\)", path.read_text())]
    assert rooted == []


def _target(out, path, link):
    """The archive file a relative link in `path` points at."""
    folder = path.parent.relative_to(out).as_posix()
    return posixpath.normpath(posixpath.join(folder, link.split("?")[0].split("#")[0]))


def test_no_link_needs_a_query_string_except_the_search_page(export):
    """Filtered listings cannot be static: their links and forms lead to Pagefind's page."""
    offending = []
    for path in _html_files(export.out):
        doc = lxml.html.fromstring(path.read_bytes())
        for href in doc.xpath("//a/@href"):
            if "?" in href and _target(export.out, path, href) != "search/index.html":
                offending.append(f"{path.relative_to(export.out)}: {href}")
        for action in doc.xpath("//form/@action"):
            if _target(export.out, path, action) != "search/index.html":
                offending.append(f"{path.relative_to(export.out)}: form {action}")
    assert offending == []


def test_every_page_carries_the_archive_banner_with_its_date(export):
    without = []
    for path in _html_files(export.out):
        doc = lxml.html.fromstring(path.read_bytes())
        banner = doc.xpath('//body/*[1][contains(@class, "archive-banner")]')
        if not banner or "29 November 2026" not in banner[0].text_content():
            without.append(str(path.relative_to(export.out)))
    assert without == []
