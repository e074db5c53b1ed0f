"""axe-core finds no WCAG 2.2 A/AA or best-practice violation, of any impact, on the main pages.

Each page is checked at a desktop and a phone width, since the layout (and so target sizes,
reflow and overlaps) changes between them.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from lfbl.tests.key_pages import KEY_PAGES

pytestmark = pytest.mark.browser

RULE_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
]

PAGES = KEY_PAGES

VIEWPORTS = {"desktop": (1280, 800), "phone": (375, 740)}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url", PAGES)
def test_page_has_no_accessibility_violation(page, axe, url, viewport):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": RULE_TAGS}})
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert violations == [], url
