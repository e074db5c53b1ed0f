"""/data/ in a real browser: no accessibility violations, readable with JavaScript off."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


@pytest.mark.parametrize("width", [1280, 375])
def test_open_data_page_has_no_accessibility_violation(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/data/")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": RULE_TAGS}})
    violations = [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert violations == []


def test_footer_leads_to_downloads_without_javascript(browser, site_server):
    context = browser.new_context(base_url=site_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto("/")
        tab.get_by_role("contentinfo").get_by_role("link", name="Open data").click()
        tab.wait_for_url("**/data/")
        assert tab.get_by_role("heading", level=1).inner_text() == "Open data"
        with tab.expect_download() as download:
            tab.get_by_role("link", name="resources.csv").click()
        header = download.value.path().read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("slug,title,url")
    finally:
        context.close()
