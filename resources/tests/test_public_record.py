"""One reading of a resource as text and one way of writing its date, shared by every output."""

import datetime
import json

import pytest
from lxml import html as lxml_html

from resources.models import ResourceIndexPage, ResourcePage, ResourceType
from resources.record import body_sections, text_of
from search import site_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    page = ResourcePage(
        title="Keeping the hall open",
        slug="keeping-the-hall-open",
        resource_type=ResourceType.objects.get(slug="report"),
        summary="How one partnership kept its community hall open through lockdown.",
        body=[
            (
                "section",
                {
                    "heading": "What happened",
                    "content": "<p>The hall <b>stayed</b> open.</p><ul><li>Food parcels</li><li>Phone calls</li></ul>",
                },
            ),
            ("paragraph", "<p>Residents ran it <a href='https://example.org'>together</a>.</p>"),
        ],  # fmt: skip
        publication_date=datetime.date(2019, 11, 1),
        date_precision="month",
    )
    ResourceIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return ResourcePage.objects.get(pk=page.pk)


def test_rich_text_reads_as_the_words_a_reader_sees():
    assert text_of("<p>The hall <b>stayed</b> open.</p><p>Then it closed.</p>") == (
        "The hall stayed open.\n\nThen it closed."
    )


def test_the_index_the_api_and_the_plain_text_read_the_body_alike(client, report):
    sections = body_sections(report)
    assert sections[0].text == "The hall stayed open.\n\nFood parcels\n\nPhone calls"
    indexed = [s.text for s in site_index.resource_document(report).sections][-len(sections) :]
    assert indexed == [s.text for s in sections]
    api = client.get(f"/api/v1/resources/{report.slug}/").json()["sections"]
    assert [s["text"] for s in api] == [s.text for s in sections]
    plain = client.get(f"{report.url}text/").content.decode()
    assert all(s.text in plain for s in sections)


def test_a_date_known_to_the_month_is_iso_8601_everywhere(client, report):
    page = lxml_html.fromstring(client.get(report.url).content)
    [ld] = page.xpath("//script[@type='application/ld+json']/text()")
    assert json.loads(ld)["datePublished"] == "2019-11"  # not "November 2019"
    assert client.get(f"/api/v1/resources/{report.slug}/").json()["publication_date"] == "2019-11"
    assert (
        "<dc:date>2019-11</dc:date>"
        in client.get(
            "/oai",
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": f"oai:testserver:resource/{report.slug}",
            },  # fmt: skip
        ).content.decode()
    )
