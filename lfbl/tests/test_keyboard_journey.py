"""A keyboard-only reader (Tab, Shift+Tab, Enter, Space; never the mouse) can filter, read and follow a
citation, and always sees where the focus is."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QA_PATH = "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/"

# What the focused element looks like, and whether the focus ring can be seen at all.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const transparent = (colour) => colour === "transparent" || /rgba\\(.*,\\s*0\\)$/.test(colour);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && !transparent(style.outlineColor);
  return {
    description: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} ${(el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 60)}`,
    href: el.getAttribute("href"),
    id: el.id,
    type: el.type || "",
    inReferences: !!el.closest("section.references"),
    focusVisible: el.matches(":focus-visible"),
    ring: outline || style.boxShadow !== "none",
    onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight
      && rect.right > 0 && rect.left < innerWidth,
  };
}"""


def focused(page):
    state = page.evaluate(FOCUS_STATE)
    assert state is not None, "focus was lost to the page body"
    assert state["focusVisible"], f"{state['description']} does not match :focus-visible"
    assert state["ring"], (
        f"{state['description']} has no visible outline or box-shadow when focused"
    )
    assert state["onScreen"], f"{state['description']} is focused but not on screen"
    return state


def press_until(page, key, wanted, limit=200):
    """Press `key` until the focused element satisfies `wanted`, checking every stop on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        state = focused(page)
        seen.append(state["description"])
        if wanted(state):
            return state
    raise AssertionError(f"{key} never reached the element; the stops were: {seen[-20:]}")


def tab_to(page, wanted):
    return press_until(page, "Tab", wanted)


def test_keyboard_only_reader_filters_reads_follows_a_citation_and_goes_back(page):
    page.goto("/")

    # The first Tab reaches the skip link, which shows itself.
    skip = tab_to(page, lambda s: True)
    assert skip["href"] == "#main"

    nav_resources = tab_to(page, lambda s: s["href"] == "/resources/")
    # Shift+Tab goes back and Tab returns to the same link, both with visible focus.
    press_until(page, "Shift+Tab", lambda s: s["href"] != "/resources/")
    assert tab_to(page, lambda s: s["href"] == "/resources/") == nav_resources
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/resources/$"))

    # Tick "Q&A article" with Space, then the region, then apply with Enter.
    tab_to(page, lambda s: s["id"] == "f-type-qa-article")
    page.keyboard.press("Space")
    expect(page.locator("#f-type-qa-article")).to_be_checked()
    tab_to(page, lambda s: s["id"] == "f-region-east-midlands")
    page.keyboard.press("Space")
    expect(page.locator("#f-region-east-midlands")).to_be_checked()
    tab_to(page, lambda s: s["type"] == "submit" and "Apply filters" in s["description"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"type=qa-article"))
    expect(page).to_have_url(re.compile(r"region=east-midlands"))
    expect(page.locator(".results-count")).to_have_text("1 resource")

    # The skip link jumps past the filters; the article is then a few Tabs away.
    tab_to(page, lambda s: s["href"] == "#results-heading")
    page.keyboard.press("Enter")
    expect(page.locator("#results-heading")).to_be_focused()
    press_until(page, "Tab", lambda s: s["href"] == QA_PATH, limit=8)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(QA_PATH) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How did Local Trust support Big Local areas to build networks?"
    )

    # On to a resource it cites, through its references.
    cited = tab_to(
        page, lambda s: s["inReferences"] and (s["href"] or "").startswith("/resources/")
    )
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(cited["href"]) + "$"))
    expect(page.get_by_role("heading", name="Cited by")).to_be_visible()

    # And back to the article. Playwright's key presses reach the page, not the browser's own
    # shortcuts (Alt+Left), so this goes back through history as that shortcut does.
    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(QA_PATH) + "$"))
    tab_to(page, lambda s: True)
