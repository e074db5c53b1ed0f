"""The glossary page gives every term an anchor that marked terms in resources link to."""

import re

import pytest

from glossary.models import GlossaryTerm

pytestmark = pytest.mark.django_db

QA = "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/"


def test_every_term_has_an_anchor_on_the_glossary_page(client):
    html = client.get("/glossary/").content.decode()
    terms = list(GlossaryTerm.objects.all())
    assert terms
    for term in terms:
        assert f'id="{term.slug}"' in html


def test_terms_marked_in_a_resource_link_to_anchors_that_exist(client):
    resource = client.get(QA).content.decode()
    targets = set(re.findall(r'class="glossary-link" href="/glossary/#([^"]+)"', resource))
    assert targets, "the Q&A article uses glossary terms, so some should be marked"
    glossary = client.get("/glossary/").content.decode()
    for slug in targets:
        assert f'id="{slug}"' in glossary


def test_other_names_read_as_names_not_a_synonym_table(client):
    from glossary.models import GlossaryTerm

    term = GlossaryTerm(
        term="Area coordinator",
        also_known_as="coordinator; co-ordinator; area co-ordinator; area coordinators; Area Coordinator",
    )
    assert term.other_names == ["coordinator"]
    html = client.get("/glossary/").content.decode()
    assert "Also called:" not in html
    assert "Also known as “LTO”" in html
    entry = html.split('id="locally-trusted-organisation-lto"')[1].split("</dd>")[0]
    assert "Also known as “LTO” or “locally trusted org”." in entry  # not “LTOs”, not plurals
