"""`/accessibility/`: the accessibility statement, in the shape of the UK public sector model
(the standard and how far the site meets it, how it was tested, what is known not to work, how to
report a problem, the enforcement procedure, when it was prepared and reviewed), linked from the
footer of every page."""

import datetime

import pytest
from django.test import override_settings
from lxml import html as lxml_html

from accessibility.models import AccessibilityStatementPage

pytestmark = pytest.mark.django_db

URL = "/accessibility/"
SECTIONS = {
    "standard": "WCAG 2.2",
    "testing": "axe",
    "known-issues": "PDF",
    "contact": "@",
    "enforcement": "Equality and Human Rights Commission",
    "preparation": "prepared",
}


def tree(client, url=URL):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return lxml_html.fromstring(response.content)


def section(page, key):
    found = page.xpath(f"//main//section[@aria-labelledby='{key}']")
    assert len(found) == 1, key
    return found[0]


def test_the_statement_answers_at_accessibility(client):
    page = tree(client)
    assert page.xpath("//h1")[0].text_content() == "Accessibility statement"


@pytest.mark.parametrize("key", SECTIONS)
def test_the_statement_has_each_section_of_the_model_statement(client, key):
    part = section(tree(client), key)
    heading = part.xpath(f".//h2[@id='{key}']")
    assert heading, key
    assert SECTIONS[key] in part.text_content(), key


def test_the_statement_names_the_standard_and_how_far_the_site_meets_it(client):
    text = section(tree(client), "standard").text_content()
    assert "WCAG 2.2" in text and "AA" in text
    assert "partially compliant" in text


def test_the_statement_says_what_was_tested_and_how(client):
    text = section(tree(client), "testing").text_content()
    for tool in ("axe-core", "Nu Html Checker", "Lighthouse", "keyboard", "JavaScript"):
        assert tool in text, tool


def test_the_widths_and_bar_the_statement_gives_are_those_the_tests_use(client):
    from lfbl.tests.quality_tools import LIGHTHOUSE_BAR, LIGHTHOUSE_PAGES
    from lfbl.tests.test_accessibility import VIEWPORTS
    from lfbl.tests.test_layout_at_two_widths import WIDTHS

    text = section(tree(client), "testing").text_content()
    for width, _height in VIEWPORTS.values():
        assert f"{width} pixels" in text, width
    for width in WIDTHS:
        assert f"{width} pixels" in text, width
    assert f"at least {LIGHTHOUSE_BAR}" in text
    assert len(LIGHTHOUSE_PAGES) == 3 and "three" in text


def test_known_issues_are_listed(client):
    items = section(tree(client), "known-issues").xpath(".//li")
    assert len(items) >= 3


@override_settings(CONTACT_EMAIL="access@library.example.org")
def test_the_contact_address_is_the_configured_one(client):
    part = section(tree(client), "contact")
    links = [a.get("href") for a in part.xpath(".//a")]
    assert "mailto:access@library.example.org" in links


def test_the_dates_prepared_and_reviewed_are_the_pages_own(client):
    page = AccessibilityStatementPage.objects.get()
    page.prepared_on = datetime.date(2026, 12, 2)
    page.reviewed_on = datetime.date(2027, 3, 15)
    page.save_revision().publish()
    text = section(tree(client), "preparation").text_content()
    assert "2 December 2026" in text
    assert "15 March 2027" in text


def test_a_statement_never_reviewed_says_so(client):
    page = AccessibilityStatementPage.objects.get()
    page.reviewed_on = None
    page.save_revision().publish()
    text = section(tree(client), "preparation").text_content()
    assert "not been reviewed" in text


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/",
        "/themes/resident-leadership/",
        "/areas/ramsey/",
        "/theory-of-change/",
        "/search/?q=networks",
        "/data/",
        "/no-such-page/",
        URL,
    ],
)
def test_every_page_footer_links_to_the_statement(client, url):
    links = tree(client, url).xpath("//footer[@class='site-footer']//a[@href='/accessibility/']")
    assert [link.text_content() for link in links] == ["Accessibility statement"], url


def test_the_statement_is_not_in_the_main_navigation(client):
    assert not tree(client, "/").xpath("//nav[@aria-label='Main']//a[@href='/accessibility/']")


def test_the_statement_is_in_the_sitemap(client):
    assert b"/accessibility/</loc>" in client.get("/sitemap.xml").content
