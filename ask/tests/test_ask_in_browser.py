"""Asking in a real browser: ask from the search page, read the answer, follow a quote to its
highlighted passage."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_ask_a_question_read_the_answer_and_follow_a_quote_to_its_highlighted_passage(page):
    page.goto("/search/")
    page.get_by_role("link", name="ask the library a question").click()
    page.get_by_label("Your question").fill("When did ACT become an incorporated body?")
    page.get_by_role("button", name="Ask").click()
    expect(page).to_have_url(re.compile(r"/ask/\?q=When"))
    answer = page.get_by_role("region", name="What the library says")
    first = answer.locator("blockquote").first
    expect(first).to_contain_text("2023")
    quoted = first.inner_text().strip()
    answer.locator(".quote-source a").first.click()
    expect(page).to_have_url(re.compile(r"\?highlight=.*#networking-beyond-big-local"))
    mark = page.locator("mark.quoted").first
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    marked = " ".join(page.locator("mark.quoted").all_inner_texts())
    assert " ".join(marked.split()) == " ".join(quoted.split())


def test_a_question_the_library_cannot_answer_offers_a_search(page):
    page.goto("/ask/?q=What+is+the+boiling+point+of+water%3F")
    expect(
        page.get_by_role("heading", name="The library does not hold an answer to that")
    ).to_be_visible()
    page.get_by_role("link", name="search the library for those words").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=What"))
