"""In a real browser: a transcript's time link plays the recording from that moment, a link to a
moment starts the player there, and without JavaScript the time links still lead to the words.

Uses the bundled sample episode: the served site is loaded exactly as `make setup` loads it."""

import pytest

pytestmark = pytest.mark.browser

EPISODE = "/resources/listening-and-reading-how-podcast-episodes-work/"


def current_time(page) -> float:
    return page.evaluate("document.getElementById('recording-player').currentTime")


def test_a_time_link_seeks_the_player_and_marks_the_turn(page):
    page.goto(EPISODE)
    page.wait_for_function("document.getElementById('recording-player').readyState >= 1")
    duration = page.evaluate("document.getElementById('recording-player').duration")
    assert duration > 20  # the real recording, read by the browser
    link = page.locator("a.transcript-time").nth(2)
    href = link.get_attribute("href")
    seconds = int(href[-2:]) + 60 * int(href[-5:-3])
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.getElementById('recording-player').currentTime >= {seconds}")
    assert seconds <= current_time(page) < seconds + 5
    assert page.url.endswith(href)
    page.evaluate("document.getElementById('recording-player').pause()")


def test_a_link_to_a_moment_starts_the_player_there(page):
    page.goto(EPISODE + "#t-00-00-25")
    page.wait_for_function("document.getElementById('recording-player').currentTime >= 25")
    assert 25 <= current_time(page) < 26
    assert page.locator("#t-00-00-25").is_visible()


def test_without_javascript_a_time_link_leads_to_the_words(browser, site_server):
    context = browser.new_context(base_url=site_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(EPISODE)
        assert page.locator("audio[controls]").count() == 1
        page.locator("a.transcript-time").nth(1).click()
        target = page.url.rsplit("#", 1)[1]
        assert target.startswith("t-")
        assert page.locator(f"#{target}").is_visible()
    finally:
        context.close()
