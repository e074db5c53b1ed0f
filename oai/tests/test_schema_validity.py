"""Responses are well-formed and valid against the official OAI-PMH and oai_dc schemas, whatever
the content: markup characters are escaped and characters XML cannot hold are dropped."""

import pytest
from django.db import connection
from lxml import etree

from resources.models import ResourcePage

from .conftest import OAI, validated

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]

SLUG = "fixture-report"  # lfbl/tests/fixtures.py
IDENTIFIER = f"oai:testserver:resource/{SLUG}"


@pytest.mark.parametrize(
    "arguments",
    [
        {"verb": "Identify"},
        {"verb": "ListMetadataFormats"},
        {"verb": "ListMetadataFormats", "identifier": IDENTIFIER},
        {"verb": "ListSets"},
        {"verb": "GetRecord", "identifier": IDENTIFIER, "metadataPrefix": "oai_dc"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "type"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2000-01-01"},
        {"verb": "ListRecords", "metadataPrefix": "bad prefix"},
        {"verb": "GetRecord", "identifier": "not an identifier", "metadataPrefix": "oai_dc"},
        {"verb": "ListSets", "resumptionToken": "<&>"},
        {"verb": "<script>"},
    ],
)
def test_every_kind_of_response_is_schema_valid(oai_request, arguments):
    tree = oai_request(**arguments)  # the fixture validates against the schema
    assert tree.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"


def test_the_schema_check_catches_an_invalid_response(oai_schema):
    broken = b"""<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
      <responseDate>2024-01-01T00:00:00Z</responseDate><request>http://x/oai</request>
      <error code="notACode">x</error></OAI-PMH>"""
    with pytest.raises(AssertionError, match="schema"):
        validated(oai_schema, broken)


def test_markup_and_control_characters_in_content_are_made_safe(harvester, client, oai_schema):
    # PostgreSQL text cannot hold NUL at all; SQLite can, so there it is tried too.
    control = "\x0b\x00" if connection.vendor == "sqlite" else "\x0b\x01"
    ResourcePage.objects.filter(slug=SLUG).update(
        title=f'Rates & "rents" <2024> {control} done',
        summary="Line one\nline two ]]> </dc:description>",
    )
    response = client.get(
        "/oai", {"verb": "GetRecord", "identifier": IDENTIFIER, "metadataPrefix": "oai_dc"}
    )
    tree = validated(oai_schema, response.content)
    dc = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert tree.xpath("string(//dc:title)", namespaces=dc) == 'Rates & "rents" <2024>  done'
    assert tree.xpath("string(//dc:description)", namespaces=dc) == (
        "Line one\nline two ]]> </dc:description>"
    )
    _header, metadata, _about = harvester.getRecord(identifier=IDENTIFIER, metadataPrefix="oai_dc")
    assert metadata.getField("title") == ['Rates & "rents" <2024>  done']


def test_hostile_arguments_are_escaped_or_left_out_of_the_request_echo(client, oai_schema):
    response = client.get(
        "/oai",
        {"verb": "GetRecord", "identifier": 'oai:x"<y>&\x01', "metadataPrefix": "oai_dc"},
    )
    tree = validated(oai_schema, response.content)
    (request,) = tree.xpath("/oai:OAI-PMH/oai:request", namespaces=OAI)
    assert request.get("identifier") == 'oai:x"<y>&'
    assert b"<y>" not in response.content
    assert etree.fromstring(response.content) is not None
