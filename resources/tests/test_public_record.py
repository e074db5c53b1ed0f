"""One public record of a resource (resources/record.py), shared by every output: one reading of
its text, one way of writing its date, one choice of what the public may see, and one place to
add a field."""

import csv
import datetime
import importlib
import io
import json
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from lxml import etree as lxml_etree
from lxml import html as lxml_html
from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from oai.dublin_core import ELEMENTS_NAMESPACE as DC
from resources import record
from resources.models import ResourceIndexPage, ResourcePage, ResourceType, Series
from resources.record import body_sections, text_of, with_record_prefetches
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


# The one public record -----------------------------------------------------------------------------

OUTPUTS_OF = {  # where each output's hand-written fields are listed
    "api": "api.serializers",
    "open_data": "opendata.tables",
    "dublin_core": "oai.dublin_core",
    "schema_org": "resources.schema_org",
}


@pytest.fixture
def full(report):
    """The report with every part of the record filled in, one of its themes unpublished."""
    from areas.models import AreaPage
    from organisations.models import Organisation
    from themes.models import ThemePage

    themes = list(ThemePage.objects.visible().order_by("title")[:2])
    report.themes.set(themes)
    report.areas.set(AreaPage.objects.visible().order_by("title")[:1])
    report.organisations.set(Organisation.objects.order_by("name")[:1])
    report.authors.create(name="A. Resident")
    report.references.create(title="An earlier report", authors="B. Writer", year=2015)
    report.key_points = [("point", "It stayed open.")]
    report.publisher, report.external_url = "Local Trust", "https://example.org/hall"
    report.source = "The partnership's own report."
    report.hero_image = Image.objects.create(
        title="Hall", file=get_test_image_file(), description="The hall at night"
    )
    report.hero_credit = "Photo: A. Resident"
    report.recording = get_document_model().objects.create(
        title="Hall recording", file=ContentFile(b"OggS" + bytes(60), name="hall.ogg")
    )
    report.duration = datetime.timedelta(seconds=83)
    report.series = Series.objects.create(name="Hall talks", slug="hall-talks")
    report.episode_number = 3
    report.save_revision().publish()
    themes[1].unpublish()
    return ResourcePage.objects.get(pk=report.pk), themes


def _outputs(client, page) -> dict[str, set[str]]:
    """The names each output gives the facts of `page`: API keys, open data columns, Dublin Core
    elements and JSON-LD properties."""
    api = client.get(f"/api/v1/resources/{page.slug}/").json()
    [row] = [r for r in client.get("/data/resources.json").json()["rows"] if r["slug"] == page.slug]
    oai = lxml_etree.fromstring(
        client.get(
            "/oai",
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": f"oai:testserver:resource/{page.slug}"},
        ).content
    )  # fmt: skip
    dc = {lxml_etree.QName(e).localname for e in oai.iter(f"{{{DC}}}*")}
    [ld] = lxml_html.fromstring(client.get(page.url).content).xpath(
        "//script[@type='application/ld+json']/text()"
    )
    return {
        "api": set(api),
        "open_data": set(row),
        "dublin_core": dc,
        "schema_org": set(json.loads(ld)),
    }


def test_every_output_writes_each_field_the_record_names_for_it(client, full):
    page, _ = full
    written = _outputs(client, page)
    for output, module in OUTPUTS_OF.items():
        declared = {record.name_in(output, f) for f in record.public_fields(output)}
        assert declared <= written[output], output
        # What an output writes by hand is a field of the record that names it, nothing else.
        by_hand = importlib.import_module(module).WRITTEN_BY_HAND
        assert by_hand <= {f.name for f in record.public_fields(output)}, output


def test_tags_the_public_may_not_see_are_in_no_output(client, full):
    page, (shown_theme, hidden_theme) = full
    assert [tag.slug for tag in record.record_of(page).themes] == [shown_theme.slug]
    outputs = [
        client.get(f"/api/v1/resources/{page.slug}/").content,
        client.get("/data/resources.csv").content,
        client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content,
        client.get(page.url).content,
        client.get("/feeds/resources.rss").content,
    ]
    for output in outputs:
        assert shown_theme.title.encode() in output or shown_theme.slug.encode() in output
        assert hidden_theme.title.encode() not in output
        assert f"theme:{hidden_theme.slug}".encode() not in output


def test_the_image_travels_with_its_credit(client, full):
    page, _ = full
    [ld] = lxml_html.fromstring(client.get(page.url).content).xpath(
        "//script[@type='application/ld+json']/text()"
    )
    image = json.loads(ld)["image"]
    assert image["creditText"] == "Photo: A. Resident"
    assert image["description"] == "The hall at night"
    assert image["contentUrl"].startswith("http://testserver/media/")


def test_a_list_of_records_costs_the_same_queries_however_long(full):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(count):
        pages = with_record_prefetches(ResourcePage.objects.visible()).order_by("pk")[:count]
        with CaptureQueriesContext(connection) as captured:
            records = [record.record_of(page) for page in pages]
        assert len(records) == count
        return len(captured.captured_queries)

    queries(1)  # the first record also reads the site's root paths, which are then cached
    assert queries(ResourcePage.objects.visible().count()) == queries(2)


@dataclass(frozen=True)
class RecordWithLicence(record.ResourceRecord):
    """The record as it would be with one more field declared in resources/record.py."""

    licence: str = field(
        default="CC-BY-4.0",
        metadata=record.shown(
            "The licence the resource may be reused under.",
            api="licence",
            open_data="licence",
            dublin_core="rights",
            schema_org="license",
        ),
    )


def test_a_field_added_to_the_record_is_shown_by_every_output(client, report, monkeypatch):
    """The issue's promise: a field shown everywhere touches at most three files. The field is
    declared in resources/record.py (here a subclass stands in for that edit) and filled from a
    model field (resources/models.py and its migration; here a default stands in); no output's
    code changes, yet the API and its OpenAPI document, the open data (JSON, CSV and data package),
    OAI-PMH and JSON-LD all show it."""
    monkeypatch.setattr(record, "ResourceRecord", RecordWithLicence)

    assert client.get(f"/api/v1/resources/{report.slug}/").json()["licence"] == "CC-BY-4.0"
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert "licence" in schema["components"]["schemas"]["ResourceDetail"]["properties"]

    [row] = [
        r for r in client.get("/data/resources.json").json()["rows"] if r["slug"] == report.slug
    ]
    assert row["licence"] == "CC-BY-4.0"
    header, *rows = csv.reader(io.StringIO(client.get("/data/resources.csv").content.decode()))
    assert header[-1] == "licence" and all(line[-1] == "CC-BY-4.0" for line in rows)
    package = client.get("/data/datapackage.json").json()
    [resources] = [r for r in package["resources"] if r["name"] == "resources"]
    assert resources["schema"]["fields"][-1]["name"] == "licence"

    oai = client.get(
        "/oai",
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": f"oai:testserver:resource/{report.slug}"},
    ).content.decode()  # fmt: skip
    assert "<dc:rights>CC-BY-4.0</dc:rights>" in oai

    [ld] = lxml_html.fromstring(client.get(report.url).content).xpath(
        "//script[@type='application/ld+json']/text()"
    )
    assert json.loads(ld)["license"] == "CC-BY-4.0"


@pytest.mark.django_db
def test_cited_by_names_only_citing_resources_the_public_may_see():
    from wagtail.models import PageViewRestriction

    from resources.models import ResourceReference
    from resources.record import record_of, with_record_prefetches

    reference = ResourceReference.objects.filter(target__live=True, page__live=True).first()
    citing = ResourcePage.objects.get(pk=reference.page_id)

    def cited_by():
        page = with_record_prefetches(ResourcePage.objects.filter(pk=reference.target_id)).get()
        return record_of(page).cited_by

    assert citing.slug in cited_by()
    PageViewRestriction.objects.create(page=citing, restriction_type="password", password="s")
    assert citing.slug not in cited_by()


def test_the_citing_read_asks_each_reference_whether_its_page_is_visible():
    """Not "page IN (every visible page)": SQLite read that whole set again for each row, and at
    100,000 resources the search index's rebuild stalled on it for over half an hour."""
    from django.db.models import Prefetch

    from resources.record import record_prefetches

    (citing,) = [
        p for p in record_prefetches() if isinstance(p, Prefetch) and p.to_attr == "record_citing"
    ]
    sql = str(citing.queryset.query)
    assert "EXISTS" in sql
    assert '"page_id" IN (SELECT' not in sql
