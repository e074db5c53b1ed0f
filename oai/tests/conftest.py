"""Harvesting the repository as a library catalogue would, and checking responses against the schema.

`harvester` is the pyoai client (the maintained `oaipmh` fork) talking to the site through Django's
test client, so tests can change the test database and see the effect. Every response it receives
is also validated against the official OAI-PMH and oai_dc schemas shipped in `oai/schemas/`.
"""

from pathlib import Path
from urllib.parse import urlencode

import pytest
from lxml import etree
from oaipmh.client import BaseClient
from oaipmh.metadata import MetadataRegistry, oai_dc_reader

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
OAI = {"oai": "http://www.openarchives.org/OAI/2.0/"}

# OAI-PMH.xsd checks <metadata> and <setDescription> content strictly against its own schema,
# so one small wrapper loads both schemas the responses use.
WRAPPER = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/"
             schemaLocation="{(SCHEMAS / "OAI-PMH.xsd").as_uri()}"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/"
             schemaLocation="{(SCHEMAS / "oai_dc.xsd").as_uri()}"/>
</xs:schema>"""


@pytest.fixture(scope="session")
def oai_schema():
    # lxml's parser refuses network access by default: every schema must come from the repo.
    return etree.XMLSchema(etree.fromstring(WRAPPER.encode()))


def validated(oai_schema, content: bytes):
    """The parsed response, after checking that it is well-formed and valid OAI-PMH."""
    tree = etree.fromstring(content)
    if not oai_schema.validate(tree):
        raise AssertionError(f"Response breaks the OAI-PMH schema: {oai_schema.error_log}")
    return tree


class DjangoClientHarvester(BaseClient):
    """pyoai's harvesting logic over Django's test client instead of urllib."""

    def __init__(self, client, schema, method="post"):
        registry = MetadataRegistry()
        registry.registerReader("oai_dc", oai_dc_reader)
        super().__init__(metadata_registry=registry)
        self.client = client
        self.schema = schema
        self.method = method
        self.requests = []

    def makeRequest(self, **arguments):
        self.requests.append(arguments)
        if self.method == "post":
            response = self.client.post(
                "/oai", urlencode(arguments), content_type="application/x-www-form-urlencoded"
            )
        else:
            response = self.client.get("/oai", arguments)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        validated(self.schema, response.content)
        return response.content


@pytest.fixture
def harvester(client, oai_schema):
    return DjangoClientHarvester(client, oai_schema)


@pytest.fixture
def oai_request(client, oai_schema):
    """GET /oai with these arguments: the schema-valid response tree."""

    def request(**arguments):
        response = client.get("/oai", arguments)
        assert response.status_code == 200
        return validated(oai_schema, response.content)

    return request


def error_codes(tree) -> list[str]:
    return tree.xpath("/oai:OAI-PMH/oai:error/@code", namespaces=OAI)
