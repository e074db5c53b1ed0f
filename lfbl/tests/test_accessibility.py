"""axe-core finds no serious or critical WCAG 2.2 A/AA violation on the main pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

PAGES = [
    "/",
    "/resources/",
    "/resources/?type=report&theme=community-change",
    "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/",
    "/resources/our-bigger-story-change-in-big-local/",
    "/themes/",
    "/themes/resident-leadership/",
    "/areas/",
    "/areas/ramsey/",
    "/timeline/",
    "/search/?q=networks",
    "/search/?q=zzzzqqq",
    "/about/",
    "/glossary/",
    "/theory-of-change/",
]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("url", PAGES)
def test_page_has_no_serious_accessibility_violation(page, axe, url):
    page.goto(url)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], url
