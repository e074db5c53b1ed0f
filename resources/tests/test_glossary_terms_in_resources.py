"""Resource pages mark glossary terms in their body text, once each, outside headings."""

import re

import pytest
from lxml import html as lxml_html

from glossary.models import GlossaryTerm

pytestmark = pytest.mark.django_db

QA = "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/"


def body_of(client, url):
    page = lxml_html.fromstring(client.get(url).content)
    return page.xpath("//div[@class='body']")[0]


def test_each_term_is_marked_once_with_its_definition(client):
    body = body_of(client, QA)
    links = body.xpath(".//a[@class='glossary-link']")
    hrefs = [link.get("href") for link in links]
    assert len(hrefs) == len(set(hrefs)) > 1
    for link in links:
        slug = link.get("href").split("#", 1)[1]
        definition = body.get_element_by_id(link.get("aria-describedby"))
        assert definition.text_content().endswith(GlossaryTerm.objects.get(slug=slug).definition)


def test_terms_are_not_marked_in_headings_or_links(client):
    body = body_of(client, QA)
    assert body.xpath(".//h2//a[@class='glossary-link'] | .//h3//a[@class='glossary-link']") == []
    assert body.xpath(".//a//a") == []


def test_a_new_glossary_term_is_marked_on_the_next_view(client):
    body = body_of(client, QA)
    text = body.text_content()
    assert "networks" in text.lower()
    assert not body.xpath(".//a[@href='/glossary/#network']")
    GlossaryTerm.objects.create(
        term="Network",
        slug="network",
        also_known_as="networks",
        definition="People and organisations in touch with one another.",
    )
    marked = body_of(client, QA).xpath(".//a[@href='/glossary/#network']")
    assert len(marked) == 1
    assert re.fullmatch(r"networks?", marked[0].text, re.IGNORECASE)


def test_the_page_loads_the_glossary_script(client):
    html = client.get(QA).content.decode()
    assert re.search(r'<script src="/static/js/glossary-terms[^"]*\.js" defer>', html)
