"""In a real browser: a glossary term in resource text opens and closes its definition from the
keyboard, shows focus, works on hover, and is a plain link with JavaScript off."""

QA = "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/"


def tab_to_first_term(page, limit=150):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('glossary-button')"):
            return page.locator(".glossary-button:focus")
    raise AssertionError("Tab never reached a glossary term")


def test_keyboard_opens_the_definition_with_enter_and_closes_it_with_escape(page):
    page.goto(QA)
    term = tab_to_first_term(page)
    popover = page.locator("#" + term.get_attribute("aria-controls"))
    assert term.get_attribute("aria-expanded") == "false"
    assert popover.is_hidden()

    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2, outline
    assert outline[2] != "none"

    page.keyboard.press("Enter")
    assert term.get_attribute("aria-expanded") == "true"
    assert popover.is_visible()
    described_by = page.locator("#" + term.get_attribute("aria-describedby"))
    assert described_by.inner_text() in popover.inner_text()
    assert "More in the glossary" in popover.inner_text()

    page.keyboard.press("Escape")
    assert term.get_attribute("aria-expanded") == "false"
    assert popover.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('glossary-button')")


def test_hovering_shows_the_definition_and_it_stays_while_the_pointer_is_on_it(page):
    page.goto(QA)
    term = page.locator(".glossary-button").first
    popover = page.locator("#" + term.get_attribute("aria-controls"))
    term.hover()
    assert popover.is_visible()
    popover.hover()
    assert popover.is_visible()
    page.keyboard.press("Escape")
    assert popover.is_hidden()
    page.mouse.move(0, 0)
    assert popover.is_hidden()


def test_without_javascript_the_term_is_a_link_to_the_glossary(browser, site_server):
    context = browser.new_context(base_url=site_server.url, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(QA)
        link = tab.locator(".body a.glossary-link").first
        href = link.get_attribute("href")
        assert href.startswith("/glossary/#")
        assert tab.locator(".glossary-button").count() == 0
        link.click()
        tab.wait_for_url("**/glossary/#*")
        assert tab.locator("#" + href.split("#", 1)[1]).is_visible()
    finally:
        context.close()
