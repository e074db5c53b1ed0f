"""Each OAI-PMH verb answers what the protocol promises, read back by the pyoai client."""

import datetime as dt

import pytest
from django.db.models import Min

from resources.models import ResourcePage, ResourceType
from themes.models import ThemePage

from .conftest import OAI

pytestmark = pytest.mark.django_db

REPORT = "fixture-report"  # lfbl/tests/fixtures.py


def identifier(slug):
    return f"oai:testserver:resource/{slug}"


def test_identify_declares_granularity_deletions_and_earliest_datestamp(harvester):
    identify = harvester.identify()
    assert identify.repositoryName() == "Learning from Big Local"
    assert identify.baseURL() == "http://testserver/oai"
    assert identify.protocolVersion() == "2.0"
    assert identify.granularity() == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.deletedRecord() == "no"
    earliest = ResourcePage.objects.live().aggregate(first=Min("last_published_at"))["first"]
    expected = earliest.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    assert identify.earliestDatestamp() == expected


def test_list_metadata_formats_offers_oai_dc(harvester, library):
    oai_dc = (
        "oai_dc",
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        "http://www.openarchives.org/OAI/2.0/oai_dc/",
    )
    assert harvester.listMetadataFormats() == [oai_dc]
    assert harvester.listMetadataFormats(identifier=identifier(REPORT)) == [oai_dc]


def test_list_sets_offers_every_theme_and_resource_type(harvester):
    sets = {spec: name for spec, name, _description in harvester.listSets()}
    for theme in ThemePage.objects.live():
        assert sets[f"theme:{theme.slug}"] == theme.title
    for resource_type in ResourceType.objects.all():
        assert sets[f"type:{resource_type.slug}"] == resource_type.name
    assert sets["theme"] == "Themes"
    assert sets["type"] == "Resource types"


def test_get_record_describes_the_resource_in_dublin_core(harvester, library):
    page = library.report
    header, metadata, _about = harvester.getRecord(
        identifier=identifier(REPORT), metadataPrefix="oai_dc"
    )
    assert header.identifier() == identifier(REPORT)
    assert header.datestamp() == page.last_published_at.astimezone(dt.UTC).replace(
        tzinfo=None, microsecond=0
    )
    assert f"type:{page.resource_type.slug}" in header.setSpec()
    assert {f"theme:{theme.slug}" for theme in page.themes.all()} <= set(header.setSpec())
    assert metadata.getField("title") == [page.title]
    assert metadata.getField("creator") == ["Ada Planter", "Ben Hoe"] == page.author_names
    assert metadata.getField("description") == [page.summary]
    assert set(metadata.getField("subject")) == {"Fixture allotments"}
    assert f"http://testserver{page.url}" in metadata.getField("identifier")
    assert page.resource_type.name in metadata.getField("type")
    assert metadata.getField("language") == ["en"]


def test_dublin_core_date_keeps_the_known_precision(harvester):
    page = ResourcePage.objects.live().exclude(publication_date=None).first()
    expected = {"day": "2021-03-04", "month": "2021-03", "year": "2021"}
    for precision, text in expected.items():
        ResourcePage.objects.filter(pk=page.pk).update(
            publication_date=dt.date(2021, 3, 4), date_precision=precision
        )
        _header, metadata, _about = harvester.getRecord(
            identifier=identifier(page.slug), metadataPrefix="oai_dc"
        )
        assert metadata.getField("date") == [text]


def test_list_identifiers_gives_headers_without_metadata(oai_request):
    tree = oai_request(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(tree.xpath("//oai:ListIdentifiers/oai:header", namespaces=OAI)) == (
        ResourcePage.objects.live().count()
    )
    assert not tree.xpath("//oai:metadata", namespaces=OAI)
    # Everything fits on one page: no resumption token at all.
    assert not tree.xpath("//oai:resumptionToken", namespaces=OAI)


def test_request_element_echoes_the_arguments(oai_request, library):
    tree = oai_request(verb="GetRecord", identifier=identifier(REPORT), metadataPrefix="oai_dc")
    (request,) = tree.xpath("/oai:OAI-PMH/oai:request", namespaces=OAI)
    assert request.text == "http://testserver/oai"
    assert dict(request.attrib) == {
        "verb": "GetRecord",
        "identifier": identifier(REPORT),
        "metadataPrefix": "oai_dc",
    }
