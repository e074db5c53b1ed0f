"""Journeys a person makes, in real headless Chromium against a running server."""

import re

import pytest
from playwright.sync_api import expect

from lfbl.tests.editor_sign_in import sign_in

pytestmark = pytest.mark.browser

QA_TITLE = "How did Local Trust support Big Local areas to build networks?"


def test_home_page_opens_with_ways_in(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning from Big Local")
    expect(page.get_by_role("link", name="Community change").first).to_be_visible()
    expect(page.get_by_role("searchbox").first).to_be_visible()


def test_filter_resources_by_type_and_theme_then_open_one(page):
    page.goto("/resources/")
    page.get_by_label(re.compile(r"^Q&A article")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"type=qa-article"))
    page.get_by_label(re.compile(r"^Working collaboratively")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"theme=working-collaboratively"))
    expect(page.locator(".results-count")).to_have_text("1 resource")
    page.get_by_role("link", name=QA_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QA_TITLE)
    expect(page.get_by_role("heading", name="Key points")).to_be_visible()


def test_follow_a_reference_to_the_cited_resource_and_back(page):
    page.goto("/resources/how-did-local-trust-support-big-local-areas-to-build-networks/")
    references = page.locator("section.references")
    references.get_by_role("link", name=re.compile("Unlocking the potential")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Unlocking the potential")
    expect(page.get_by_role("heading", name="Cited by")).to_be_visible()
    page.get_by_role("link", name=QA_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QA_TITLE)


def test_editor_signs_in_and_publishes_an_edit_that_shows_on_the_site(page, site_server):
    sign_in(page, site_server)

    page.goto("/themes/local-economy/")
    edit_url = (
        "/admin/pages/"
        + page.evaluate(
            "fetch('/admin/api/main/pages/?slug=local-economy').then(r => r.json())"
            ".then(d => String(d.items[0].id))"
        )
        + "/edit/"
    )
    page.goto(edit_url)
    description = page.get_by_label(re.compile("^Description"))
    new_text = "Residents built local economies through enterprise, jobs and skills."
    description.fill(new_text)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")

    page.goto("/themes/local-economy/")
    expect(page.locator(".lead")).to_have_text(new_text)


def test_search_filter_and_open_a_highlighted_result(page):
    page.goto("/")
    page.get_by_label(re.compile(r"^Search \d+ resources")).fill("learning clusters online")
    page.get_by_label(re.compile(r"^Search \d+ resources")).press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=learning"))
    expect(page.locator(".result-list mark").first).to_be_visible()
    page.get_by_label(re.compile(r"^Q&A article")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"type=qa-article"))
    expect(page.locator(".results-count")).to_contain_text("1 result")
    page.locator(".result-list").get_by_role("link", name=re.compile("build networks")).click()
    expect(page).to_have_url(re.compile(r"build-networks/#"))
    expect(page.get_by_role("heading", level=1)).to_have_text(QA_TITLE)
