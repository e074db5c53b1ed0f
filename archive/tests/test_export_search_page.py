"""The archive's search page in headless Chromium: filters, near matches, empty state, keyboard, axe."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from lfbl.tests.test_accessibility import RULE_TAGS

pytestmark = [pytest.mark.django_db, pytest.mark.browser]


@pytest.fixture
def tab(browser, static_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def open_search(tab, static_server, query=""):
    tab.goto(static_server.archive_url + "search/index.html" + query)
    tab.locator("#archive-search[data-ready=true]").wait_for()


def test_a_type_filter_narrows_the_results_and_stays_in_the_address(tab, static_server):
    open_search(tab, static_server, "?q=community")
    everything = tab.locator(".archive-result").count()
    tab.locator("summary", has_text="Type").click()
    tab.get_by_label(re.compile(r"^Report \(\d+\)$")).check()
    expect(tab.locator("[role=status]")).to_contain_text("for “community”")
    facts = tab.locator(".archive-result__facts").all_inner_texts()
    assert facts and all(fact.startswith("Report") for fact in facts)
    assert len(facts) < everything
    assert parse_qs(urlsplit(tab.url).query) == {"q": ["community"], "type": ["Report"]}


def test_a_filter_in_the_address_is_applied_on_load(tab, static_server):
    open_search(tab, static_server, "?type=Report")
    assert tab.get_by_label(re.compile(r"^Report \(\d+\)$")).is_checked()
    facts = tab.locator(".archive-result__facts").all_inner_texts()
    assert facts and all(fact.startswith("Report") for fact in facts)


def test_near_matches_follow_under_their_own_heading(tab, static_server):
    open_search(tab, static_server, "?q=national+support+provision")
    headings = tab.locator(".archive-results h2").all_inner_texts()
    assert headings == ["Pages with every word", "Pages with some of your words"]
    expect(tab.locator("[role=status]")).to_contain_text("with some of them")


def test_nothing_found_says_what_to_try(tab, static_server):
    open_search(tab, static_server, "?q=qwxzvbnm")
    expect(tab.locator("[role=status]")).to_contain_text("Nothing found for “qwxzvbnm”")
    assert tab.locator(".archive-result").count() == 0


def test_hostile_query_text_is_shown_as_text(tab, static_server):
    open_search(tab, static_server, '?q=%3Cimg+src%3Dx+onerror%3D"window.hit%3D1"%3E')
    expect(tab.locator("[role=status]")).to_contain_text("<img")
    assert tab.evaluate("window.hit") is None
    assert tab.locator(".archive-search img").count() == 0


def test_keyboard_search_then_show_more_moves_focus_to_the_new_results(tab, static_server):
    open_search(tab, static_server)
    tab.locator("#archive-q").focus()
    tab.keyboard.type("big local")
    tab.keyboard.press("Enter")
    tab.locator(".archive-result").first.wait_for()
    shown = tab.locator(".archive-result").count()
    more = tab.locator(".archive-more")
    if shown < 10:
        pytest.fail(f"expected a first page of ten results for 'big local', got {shown}")
    expect(more).to_be_visible()
    more.focus()
    tab.keyboard.press("Enter")
    expect(tab.locator(".archive-result")).not_to_have_count(shown)
    focused_href = tab.evaluate("document.activeElement.getAttribute('href')")
    eleventh = tab.locator(".archive-result__link").nth(shown).get_attribute("href")
    assert focused_href == eleventh


def test_search_page_with_results_has_no_accessibility_violation(tab, static_server):
    open_search(tab, static_server, "?q=national+support+provision&type=Report")
    tab.locator(".archive-filter-group").first.evaluate("details => details.open = true")
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": RULE_TAGS}})
    violations = [f"{v['id']}: {v['help']}" for v in results.response["violations"]]
    assert violations == []
