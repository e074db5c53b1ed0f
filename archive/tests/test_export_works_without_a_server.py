"""The export works wherever it is put: from a host subfolder and straight from the disk."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.browser]
PAGES = (
    "index.html",
    "resources/index.html",
    "themes/index.html",
    "areas/index.html",
    "about/index.html",
)


def _visit(browser, base_url, paths):
    """Open each page and follow its first resource link; return every failed request."""
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    failed = []
    # A favicon still loading when the next page opens is aborted, not missing.
    tab.on(
        "requestfailed",
        lambda request: (
            failed.append(f"{request.failure} {request.url}")
            if request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    tab.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for path in paths:
        tab.goto(base_url + path)
        # The site stylesheet loaded: it is the page's first style sheet and has rules.
        assert tab.evaluate("document.styleSheets[0].href.endsWith('site.css')"), path
    tab.goto(base_url + "resources/index.html")
    link = tab.locator(".result-list a").first
    with tab.expect_navigation():
        link.click()
    assert tab.locator("article.resource h1").count() == 1
    context.close()
    return failed


def test_archive_works_below_a_host_subfolder(browser, static_server):
    assert _visit(browser, static_server.archive_url, PAGES) == []


def test_archive_works_opened_from_a_folder(browser, export):
    assert _visit(browser, export.out.as_uri() + "/", PAGES) == []


def test_search_page_explains_it_needs_http_when_opened_from_a_folder(browser, export):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto((export.out / "search/index.html").as_uri())
    assert tab.locator("#search-needs-http").is_visible()
    context.close()
