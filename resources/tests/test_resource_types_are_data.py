"""A resource type is one record: a type an editor adds in the CMS works in every output at once,
with the names it gives itself in schema.org, CSL, RIS, BibTeX and Dublin Core."""

import datetime
import json
import re

import pytest
from lxml import etree
from lxml import html as lxml_html

from resources.models import ResourceIndexPage, ResourcePage, ResourceType

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing():
    kind = ResourceType.objects.create(
        name="Briefing",
        slug="briefing",
        plural="Briefings",
        schema_org_type="Report",
        csl_type="report",
        ris_type="RPRT",
        bibtex_type="techreport",
        dcmi_type="Text",
        offers_plain_text=True,
    )
    page = ResourcePage(
        title="What partnerships need from their councils",
        slug="what-partnerships-need-from-their-councils",
        resource_type=kind,
        summary="A short briefing for council officers working with resident partnerships.",
        body=[("paragraph", "<p>Residents asked for one named contact at the council.</p>")],
        publication_date=datetime.date(2025, 6, 1),
        publisher="Local Trust",
    )
    ResourceIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_new_type_names_itself_in_every_metadata_standard(client, briefing):
    html = client.get(briefing.url).content.decode()
    [ld] = lxml_html.fromstring(html).xpath("//script[@type='application/ld+json']/text()")
    assert json.loads(ld)["@type"] == "Report"
    assert re.search(r"^TY  - RPRT", client.get(f"{briefing.url}cite/ris/").content.decode(), re.M)
    bibtex = client.get(f"{briefing.url}cite/bibtex/").content.decode()
    assert bibtex.startswith("@techreport{") and "institution = {Local Trust}" in bibtex
    record = client.get(
        "/oai",
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": f"oai:testserver:resource/{briefing.slug}",
        },  # fmt: skip
    ).content
    types = etree.fromstring(record).findall(".//{http://purl.org/dc/elements/1.1/}type")
    assert [t.text for t in types] == ["Text", "Briefing"]


def test_a_new_type_is_offered_by_the_lists_and_the_api(client, briefing):
    listing = client.get("/resources/").context["listing"]
    [types] = [group for group in listing.groups if group.name == "type"]
    assert ("briefing", "Briefing", 1) in {(o.value, o.label, o.count) for o in types.options}
    api = client.get("/api/v1/resources/", {"type": "briefing"}).json()
    assert [result["slug"] for result in api["results"]] == [briefing.slug]


def test_what_the_site_does_follows_the_types_own_settings(client, briefing):
    assert "Plain-text version" in client.get(briefing.url).content.decode()
    ResourceType.objects.filter(pk=briefing.resource_type_id).update(offers_plain_text=False)
    assert "Plain-text version" not in client.get(briefing.url).content.decode()


def test_start_here_shows_the_types_whose_titles_are_questions(client, briefing):
    home = client.get("/").content.decode()
    assert briefing.title not in home.split('id="start-heading"')[1].split("</section>")[0]
    ResourceType.objects.filter(pk=briefing.resource_type_id).update(title_is_question=True)
    home = client.get("/").content.decode()
    assert briefing.title in home.split('id="start-heading"')[1].split("</section>")[0]
