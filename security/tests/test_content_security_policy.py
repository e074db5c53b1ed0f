"""A strict Content-Security-Policy on every public page, and pages that live within it.

The header is checked on every key page (no `unsafe-inline`, no `unsafe-eval`, nothing from other
sites), and a real browser opens each page and reports any violation it blocked: the pages must
work under the policy, not merely carry it.
"""

import pytest

from lfbl.tests.key_pages import KEY_PAGES

EXTRA_PAGES = ["/api/v1/docs/", "/data/", "/search/?q=young+people", "/admin/login/"]
RESOURCE = "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/"


def _directives(header):
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: set(values) for name, *values in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("url", [*KEY_PAGES, "/api/v1/docs/", "/data/", "/feeds/resources.rss"])
def test_public_pages_carry_a_strict_policy(client, url):
    directives = _directives(client.get(url)["Content-Security-Policy"])
    assert directives["default-src"] == {"'self'"}
    assert directives["script-src"] == {"'self'"}
    assert directives["style-src"] == {"'self'"}
    assert directives["object-src"] == {"'none'"}
    assert directives["frame-ancestors"] == {"'none'"}
    assert directives["base-uri"] == {"'self'"}


@pytest.mark.django_db
def test_the_admin_has_its_own_policy_without_eval(client):
    directives = _directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == {"'none'"}
    assert directives["frame-ancestors"] == {"'self'"}


@pytest.mark.browser
@pytest.mark.parametrize("url", [*KEY_PAGES, *EXTRA_PAGES, f"{RESOURCE}text/"])
def test_pages_work_in_a_browser_under_the_policy(page, url):
    blocked = []
    page.on("console", lambda message: blocked.append(message.text))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert not [text for text in blocked if "Content Security Policy" in text], url


@pytest.mark.browser
def test_scripts_of_the_site_still_run(page):
    # The glossary popover and the search suggestions are the site's own scripts.
    page.goto(RESOURCE)
    term = page.locator(".glossary-button").first  # made from a plain link by the site's script
    term.click()
    assert term.get_attribute("aria-expanded") == "true"
