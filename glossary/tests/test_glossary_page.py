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
