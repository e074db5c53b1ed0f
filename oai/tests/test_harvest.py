"""A full harvest by an independent OAI-PMH client returns every published resource, page by page."""

import pytest
from django.test import override_settings
from oaipmh.client import Client
from oaipmh.metadata import MetadataRegistry, oai_dc_reader

from resources.models import ResourcePage

from .conftest import DjangoClientHarvester

pytestmark = pytest.mark.django_db


def published_slugs():
    return set(ResourcePage.objects.live().values_list("slug", flat=True))


def slug_of(header):
    return header.identifier().rsplit("/", 1)[1]


@pytest.mark.parametrize("method", ["get", "post"])
@override_settings(OAI_PAGE_SIZE=4)
def test_harvest_returns_every_published_resource_across_resumption_pages(
    client, oai_schema, method
):
    harvester = DjangoClientHarvester(client, oai_schema, method=method)
    records = list(harvester.listRecords(metadataPrefix="oai_dc"))

    slugs = [slug_of(header) for header, _metadata, _about in records]
    assert len(slugs) == len(set(slugs)) == ResourcePage.objects.live().count()
    assert set(slugs) == published_slugs()
    # 15 bundled resources at four a page: the client had to follow three resumption tokens.
    resumed = [request for request in harvester.requests if "resumptionToken" in request]
    assert len(resumed) == -(-len(slugs) // 4) - 1 >= 2
    titles = {metadata.getField("title")[0] for _header, metadata, _about in records}
    assert titles == set(ResourcePage.objects.live().values_list("title", flat=True))


@override_settings(OAI_PAGE_SIZE=4)
def test_list_identifiers_harvest_matches_list_records(harvester):
    identifiers = [
        header.identifier() for header in harvester.listIdentifiers(metadataPrefix="oai_dc")
    ]
    records = [
        header.identifier() for header, _m, _a in harvester.listRecords(metadataPrefix="oai_dc")
    ]
    assert identifiers == records
    assert {identifier.rsplit("/", 1)[1] for identifier in identifiers} == published_slugs()


@override_settings(OAI_PAGE_SIZE=4)
def test_resumption_tokens_report_cursor_and_complete_list_size(oai_request):
    total = ResourcePage.objects.live().count()
    namespaces = {"oai": "http://www.openarchives.org/OAI/2.0/"}
    tree = oai_request(verb="ListIdentifiers", metadataPrefix="oai_dc")
    cursors, seen = [], 0
    while True:
        seen += len(tree.xpath("//oai:header", namespaces=namespaces))
        (token,) = tree.xpath("//oai:resumptionToken", namespaces=namespaces)
        cursors.append(int(token.get("cursor")))
        assert int(token.get("completeListSize")) == total
        if not token.text:
            break  # the last page carries an empty token
        tree = oai_request(verb="ListIdentifiers", resumptionToken=token.text)
    assert seen == total
    assert cursors == list(range(0, total, 4))


def test_pyoai_client_harvests_the_running_site_over_http(site_server):
    """The unmodified client over real HTTP (POST, then GET) against gunicorn on a fresh database."""
    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    expected = published_slugs()  # the server loaded the same bundled library
    for force_http_get in (False, True):
        client = Client(f"{site_server.url}/oai", registry, force_http_get=force_http_get)
        identify = client.identify()
        assert identify.baseURL() == f"{site_server.url}/oai"
        records = list(client.listRecords(metadataPrefix="oai_dc"))
        assert {slug_of(header) for header, _m, _a in records} == expected
        assert all(metadata.getField("title") for _h, metadata, _a in records)
