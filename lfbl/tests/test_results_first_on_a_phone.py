"""On a phone the results come first: the filters fold away behind a disclosure that opens with or
without JavaScript, and the first result starts within the first screen."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LISTS = ["/resources/", "/search/?q=big+local", "/themes/resident-leadership/"]


@pytest.mark.parametrize("url", LISTS)
def test_the_first_result_is_on_the_first_screen_of_a_phone(page, url):
    page.set_viewport_size(PHONE)
    page.goto(url)
    first = page.locator(".result-list > li").first
    top = first.evaluate("element => element.getBoundingClientRect().top + window.scrollY")
    assert top < PHONE["height"], top
    assert not page.locator(".filter-panel").evaluate("details => details.open")


@pytest.mark.parametrize("url", LISTS)
def test_wide_screens_show_the_filters_open_beside_the_results(page, url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url)
    expect(page.locator(".filter-panel .facet").first).to_be_visible()


def test_the_filters_open_and_apply_without_javascript(browser, site_server):
    context = browser.new_context(
        base_url=site_server.url, java_script_enabled=False, viewport=PHONE
    )
    tab = context.new_page()
    tab.goto("/resources/")
    boxes = tab.get_by_label("Report (", exact=False)
    expect(boxes).to_be_hidden()
    tab.locator(".filter-panel > summary").click()
    boxes.check()
    tab.get_by_role("button", name="Apply filters").click()
    assert "type=report" in tab.url
    expect(tab.locator(".filter-panel > summary")).to_contain_text("1 chosen")
    context.close()
