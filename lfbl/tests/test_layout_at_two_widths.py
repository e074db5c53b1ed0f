"""Every key page fits a phone and a laptop: nothing runs off the side at 390 or 1280 px (so no
sideways scrolling, WCAG 1.4.10 reflow), and the main heading shows on the first screen.
bench/screenshots.py saves the same pages as pictures for a person to look at."""

import pytest

from lfbl.tests.key_pages import KEY_PAGES

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url", KEY_PAGES)
def test_page_fits_the_width_and_starts_on_the_first_screen(page, url, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(url)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{url} is {overflow}px wider than a {width}px screen"
    top = page.locator("h1").first.evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < 844
