"""The export's Pagefind search, run in headless Chromium, agrees with the live site's search.

The export is served by a plain static HTTP server below a subfolder; the live answers come from
`/api/search` through Django's test client on the same database the export was built from.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.browser]
QUERIES_FILE = Path(__file__).resolve().parent.parent / "data" / "search_queries.txt"
TOP = 5

# The page's own search (archive-search.js): Pagefind, topped up with near matches.
SEARCH_JS = """async (queries) => {
  const search = await import(document.querySelector("script[type=module]").src);
  const root = document.getElementById("archive-search");
  const pagefind = await search.loadPagefind(JSON.parse(root.dataset.ranking));
  const answers = {};
  for (const query of queries) {
    const {every, some} = await search.archiveSearch(pagefind, query);
    const top = await Promise.all([...every, ...some].slice(0, TOP).map((r) => r.data()));
    answers[query] = top.map((d) => ({url: d.url, excerpt: d.excerpt}));
  }
  return answers;
}""".replace("TOP", str(TOP))


def queries():
    lines = QUERIES_FILE.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _page_path(url, prefix=""):
    """`/resources/x/` whichever way round the URL came (absolute, with anchor, in a subfolder)."""
    path = urlsplit(url).path.removeprefix(prefix)
    return path.removesuffix("index.html")


@pytest.fixture(scope="module")
def search_tab(browser, static_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto(static_server.archive_url + "search/index.html")
    yield tab
    context.close()


@pytest.fixture(scope="module")
def pagefind_answers(search_tab):
    return search_tab.evaluate(SEARCH_JS, queries())


def test_the_query_file_holds_twenty_queries():
    assert len(queries()) == 20
    assert len(set(queries())) == 20


def test_pagefind_top_five_shares_three_with_the_live_top_five(pagefind_answers, static_server):
    client = Client()
    prefix = urlsplit(static_server.archive_url).path[:-1]
    report = {}
    failures = []
    for query in queries():
        live = client.get("/api/search", {"q": query}).json()["results"][:TOP]
        live_paths = [_page_path(hit["url"]) for hit in live]
        export_paths = [_page_path(hit["url"], prefix) for hit in pagefind_answers[query]]
        shared = len(set(live_paths) & set(export_paths))
        report[query] = {"live": live_paths, "export": export_paths, "shared": shared}
        # Three of the live top five; when the live search finds fewer ("housing" finds two in
        # the bundled library), all of them.
        if shared < min(3, len(live_paths)):
            failures.append(query)
    assert failures == [], json.dumps({q: report[q] for q in failures}, indent=1)


def test_results_carry_highlighted_excerpts(pagefind_answers):
    excerpts = [hit["excerpt"] for hit in pagefind_answers["community leadership"]]
    assert excerpts and all("<mark>" in excerpt for excerpt in excerpts)


def test_pagefind_offers_type_theme_region_and_year_filters(search_tab):
    filters = search_tab.evaluate(
        """async () => {
      const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
      return await pagefind.filters();
    }"""
    )
    assert {"type", "theme", "region", "year"} <= set(filters)
    assert filters["type"].get("Report", 0) >= 5
    assert all(year.isdigit() for year in filters["year"])
    reports_only = search_tab.evaluate(
        """async () => {
      const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
      const search = await pagefind.search("community", {filters: {type: "Report"}});
      return (await Promise.all(search.results.map((r) => r.data()))).map((d) => d.filters.type);
    }"""
    )
    assert reports_only and all(types == ["Report"] for types in reports_only)


def test_search_page_shows_results_that_open_in_the_subfolder(browser, static_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto(static_server.archive_url + "search/index.html?q=community+leadership")
    first = tab.locator(".archive-result__link").first
    first.wait_for()
    assert tab.locator(".archive-result__excerpt mark").count() > 0
    legends = tab.locator(".archive-filters legend").all_text_contents()
    assert legends == ["Type", "Theme", "Region", "Year"]
    title = first.inner_text()
    with tab.expect_navigation():
        first.click()
    assert tab.url.startswith(static_server.archive_url + "resources/")
    assert tab.locator("h1").inner_text() == title
    context.close()


def test_header_search_form_leads_to_the_archive_search(browser, static_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto(static_server.archive_url + "about/index.html")
    tab.fill("#header-q", "networks")
    with tab.expect_navigation():
        tab.press("#header-q", "Enter")
    assert tab.url.startswith(static_server.archive_url + "search/index.html?q=networks")
    tab.locator(".archive-result__link").first.wait_for()
    context.close()
