"""Bad requests get the right OAI-PMH error code (HTTP 200 with <error>), never a server error.

The pyoai client checks arguments before sending, so these requests go through its lower-level
`makeRequestErrorHandling`, which still parses the response and raises the error class it names.
"""

import pytest
from django.core import signing
from oaipmh import error

from oai.arguments import make_resumption_token
from resources.models import ResourcePage

from .conftest import OAI, error_codes, validated

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]

SLUG = "fixture-report"  # lfbl/tests/fixtures.py
IDENTIFIER = f"oai:testserver:resource/{SLUG}"


def raises(harvester, expected, **arguments):
    with pytest.raises(expected):
        harvester.makeRequestErrorHandling(**arguments)


def test_unknown_missing_or_repeated_verb_is_bad_verb(harvester, client, oai_schema):
    raises(harvester, error.BadVerbError, verb="Harvest")
    raises(harvester, error.BadVerbError, verb="GetMetadata")  # pyoai's own, not OAI-PMH
    raises(harvester, error.BadVerbError)
    response = client.get("/oai?verb=Identify&verb=Identify")
    assert error_codes(validated(oai_schema, response.content)) == ["badVerb"]


@pytest.mark.parametrize(
    "arguments",
    [
        {"verb": "Identify", "metadataPrefix": "oai_dc"},  # argument the verb does not take
        {"verb": "GetRecord", "identifier": IDENTIFIER},  # missing metadataPrefix
        {"verb": "ListRecords"},  # missing metadataPrefix
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},  # exclusive
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2024-02-30"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T00:00:00"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01+00:00"},
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-01-01",
            "until": "2024-02-01T00:00:00Z",
        },  # mixed granularity
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2025-01-02",
            "until": "2025-01-01",
        },
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "theme:"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "no spaces"},
    ],
)
def test_illegal_arguments_are_bad_argument(harvester, arguments):
    raises(harvester, error.BadArgumentError, **arguments)


def test_bad_verb_and_bad_argument_responses_echo_no_arguments(oai_request):
    for arguments in ({"verb": "Nope"}, {"verb": "ListRecords", "until": "soon"}):
        tree = oai_request(**arguments)
        (request,) = tree.xpath("/oai:OAI-PMH/oai:request", namespaces=OAI)
        assert request.attrib == {} and request.text == "http://testserver/oai"


def test_repeated_argument_is_bad_argument(client, oai_schema):
    response = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    assert error_codes(validated(oai_schema, response.content)) == ["badArgument"]


def test_forged_altered_or_misused_resumption_token_is_bad_resumption_token(harvester):
    raises(harvester, error.BadResumptionTokenError, verb="ListRecords", resumptionToken="abc")
    forged = signing.dumps({"verb": "ListRecords", "after": 0}, salt="someone-else")
    raises(harvester, error.BadResumptionTokenError, verb="ListRecords", resumptionToken=forged)
    state = {"metadataPrefix": "oai_dc", "set": None, "from": None, "until": None}
    token = make_resumption_token("ListIdentifiers", {**state, "after": 0, "cursor": 0})
    raises(harvester, error.BadResumptionTokenError, verb="ListRecords", resumptionToken=token)
    raises(harvester, error.BadResumptionTokenError, verb="ListSets", resumptionToken=token)
    # The genuine token works for the verb it was issued for.
    harvester.makeRequestErrorHandling(verb="ListIdentifiers", resumptionToken=token)


def test_unknown_metadata_format_is_cannot_disseminate_format(harvester):
    raises(
        harvester,
        error.CannotDisseminateFormatError,
        verb="GetRecord",
        identifier=IDENTIFIER,
        metadataPrefix="marc21",
    )
    raises(harvester, error.CannotDisseminateFormatError, verb="ListRecords", metadataPrefix="mods")
    raises(
        harvester, error.CannotDisseminateFormatError, verb="ListIdentifiers", metadataPrefix="x"
    )


@pytest.mark.parametrize(
    "identifier",
    [
        "oai:testserver:resource/no-such-resource",
        f"oai:elsewhere.example:resource/{SLUG}",
        SLUG,
    ],
)
def test_unknown_identifier_is_id_does_not_exist(harvester, identifier):
    raises(
        harvester,
        error.IdDoesNotExistError,
        verb="GetRecord",
        identifier=identifier,
        metadataPrefix="oai_dc",
    )
    raises(harvester, error.IdDoesNotExistError, verb="ListMetadataFormats", identifier=identifier)


def test_empty_selection_is_no_records_match(harvester):
    for arguments in (
        {"until": "1999-12-31"},
        {"from": "2999-01-01T00:00:00Z"},
        {"set": "theme:no-such-theme"},
        {"set": "colour:red"},
    ):
        raises(
            harvester,
            error.NoRecordsMatchError,
            verb="ListIdentifiers",
            metadataPrefix="oai_dc",
            **arguments,
        )


def test_no_records_match_when_nothing_is_published(harvester):
    for page in ResourcePage.objects.live():
        page.unpublish()
    raises(harvester, error.NoRecordsMatchError, verb="ListRecords", metadataPrefix="oai_dc")


def test_other_http_methods_are_refused(client):
    assert client.put("/oai", "verb=Identify").status_code == 405
    assert client.delete("/oai").status_code == 405


@pytest.mark.parametrize(
    "query",
    [
        "verb=ListRecords&metadataPrefix=oai_dc&until=9999-12-31",
        "verb=ListRecords&metadataPrefix=oai_dc&from=9999-12-31T23:59:59Z",
        "verb=ListRecords&metadataPrefix=oai_dc&from=0000-01-01",
        "verb=ListRecords&metadataPrefix=oai_dc&set=theme:a:b",
        "verb=ListRecords&metadataPrefix=",
        "verb=ListRecords&metadataPrefix=oai_dc&set=",
        "verb=ListRecords&resumptionToken=",
        "verb=GetRecord&identifier=&metadataPrefix=oai_dc",
        "verb=GetRecord&identifier=oai%3Atestserver%3Aresource%2F%C3%A9t%C3%A9&metadataPrefix=oai_dc",
        "verb=",
        "verb=%00",
        "verb=Identify&%FF=%FE",
    ],
)
def test_odd_requests_get_an_oai_error_not_a_server_error(client, oai_schema, query):
    response = client.get(f"/oai?{query}")
    assert response.status_code == 200
    tree = validated(oai_schema, response.content)
    assert tree.xpath("/oai:OAI-PMH/oai:error", namespaces=OAI) or tree.xpath(
        "/oai:OAI-PMH/oai:ListRecords", namespaces=OAI
    )
