"""The archive's search page offers best bets as the live search does, matched in the browser."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.django_db, pytest.mark.browser]


def test_the_archive_offers_the_theme_a_query_names(browser, static_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto(static_server.archive_url + "search/index.html?q=young+people")
    tab.locator("#archive-search[data-ready=true]").wait_for()
    bet = tab.locator(".best-bets .best-bet").first
    expect(bet).to_contain_text("Investing in young people")
    with tab.expect_navigation():
        bet.locator("a").click()
    assert tab.url.startswith(static_server.archive_url + "themes/investing-in-young-people/")
    context.close()


def test_the_archive_offers_nothing_for_words_that_name_nothing(browser, static_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(static_server.archive_url + "search/index.html?q=qwxzvbnm")
    tab.locator("#archive-search[data-ready=true]").wait_for()
    assert tab.locator(".best-bets").is_hidden()
    context.close()
