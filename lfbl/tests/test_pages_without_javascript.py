"""Every key page can be read with JavaScript switched off: its heading and main content are there
and nothing asks the reader to turn JavaScript on."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Each page with a phrase of its main content that must be readable without scripts.
PAGES = {
    "/": "Learning from Big Local",
    "/resources/": "resources",
    "/resources/?type=qa-article&region=east-midlands": "build networks",
    "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/": "Key points",
    "/resources/our-bigger-story-change-in-big-local/": "Our Bigger Story",
    "/resources/listening-and-reading-how-podcast-episodes-work/": "Transcript",
    "/themes/": "Community change",
    "/themes/resident-leadership/": "Resident leadership",
    "/areas/": "East of England",
    "/areas/ramsey/": "Ramsey",
    "/timeline/": "2010",
    "/theory-of-change/": "Theory of change",
    "/glossary/": "Glossary",
    "/about/": "Big Local",
    "/accessibility/": "Accessibility statement",
    "/search/?q=networks": "build networks",
}
ASKS_FOR_SCRIPTS = re.compile(
    r"(enable|turn on|requires?) javascript|javascript (is )?required", re.I
)


@pytest.fixture
def page_without_scripts(browser, site_server):
    context = browser.new_context(base_url=site_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.set_content("<title>before</title><script>document.title = 'scripts ran'</script>")
    assert page.title() == "before", "this browser context still runs page scripts"
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_key_page_is_readable_without_javascript(page_without_scripts, path):
    page = page_without_scripts
    page.goto(path)
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(main).to_contain_text(PAGES[path], ignore_case=True)
    text = main.inner_text()
    assert len(text.split()) >= 20, f"{path} shows almost nothing without JavaScript: {text!r}"
    assert not ASKS_FOR_SCRIPTS.search(page.locator("body").inner_text()), path
