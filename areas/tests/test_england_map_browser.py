"""In a real browser: the map of England can be used from the keyboard, with visible focus,
and it shows with JavaScript off (it is plain SVG)."""

FOCUS_FILL = "rgb(255, 191, 71)"  # --focus


def tab_until(page, predicate_js, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Tab never reached: {predicate_js}")


def test_keyboard_reaches_a_region_sees_focus_and_jumps_to_its_list(page):
    page.goto("/areas/")
    tab_until(page, "document.activeElement.classList.contains('skip-map')")
    assert page.locator(".skip-map").bounding_box()["x"] >= 0  # shown when focused
    page.keyboard.press("Tab")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label.split(":")[1].strip().split()[0].isdigit()
    fill = page.evaluate("getComputedStyle(document.activeElement.querySelector('path')).fill")
    assert fill == FOCUS_FILL
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/areas/{target}")
    assert page.locator(target).is_visible()


def test_an_area_dot_shows_focus_and_opens_its_page(page):
    page.goto("/areas/")
    dot = page.locator(".map-dots a").first
    dot.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    assert (
        page.evaluate("getComputedStyle(document.activeElement.querySelector('circle')).fill")
        == FOCUS_FILL
    )
    href = dot.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")


def test_skipping_the_map_lands_after_it(page):
    page.goto("/areas/")
    tab_until(page, "document.activeElement.classList.contains('skip-map')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside_map = page.evaluate("!!document.activeElement.closest('.england-map')")
    assert not inside_map


def test_the_map_shows_without_javascript(browser, site_server):
    context = browser.new_context(base_url=site_server.url, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto("/areas/")
        assert tab.locator(".england-map svg").is_visible()
        assert tab.locator(".map-dots a").count() == 150
    finally:
        context.close()
