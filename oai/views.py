"""The OAI-PMH 2.0 endpoint at /oai: one view answering the six verbs by GET or POST.

Protocol errors are answered with HTTP 200 and an <error> element, as OAI-PMH requires.
"""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from home.site_address import absolute
from resources.record import record_of

from . import dublin_core, records, responses
from .arguments import (
    OAIError,
    make_resumption_token,
    parse_arguments,
    parse_datestamp_range,
    read_resumption_token,
)

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
# Unpublished resources simply leave the repository; no record of them is kept.
DELETED_RECORD = "no"


@csrf_exempt  # Harvesters POST without a session; nothing here changes state.
@require_http_methods(["GET", "POST"])
def endpoint(request):
    query = request.POST if request.method == "POST" else request.GET
    base_url = absolute(request.path)
    try:
        verb, arguments = parse_arguments(query)
        root = responses.envelope(base_url, {"verb": verb, **arguments})
        VERBS[verb](request, root, arguments)
    except OAIError as problem:
        # After badVerb or badArgument the request element must carry no arguments.
        echo = None if problem.code in ("badVerb", "badArgument") else query.dict()
        root = responses.envelope(base_url, echo)
        responses.error(root, problem.code, problem.message)
    return HttpResponse(responses.serialize(root), content_type="text/xml; charset=utf-8")


def identify(request, root, arguments):
    element = responses.add(root, "Identify")
    responses.add(element, "repositoryName", settings.WAGTAIL_SITE_NAME)
    responses.add(element, "baseURL", absolute(request.path))
    responses.add(element, "protocolVersion", "2.0")
    responses.add(
        element, "adminEmail", getattr(settings, "OAI_ADMIN_EMAIL", settings.CONTACT_EMAIL)
    )
    responses.add(element, "earliestDatestamp", responses.datestamp(records.earliest_datestamp()))
    responses.add(element, "deletedRecord", DELETED_RECORD)
    responses.add(element, "granularity", GRANULARITY)


def list_metadata_formats(request, root, arguments):
    if "identifier" in arguments and records.find_record(arguments["identifier"]) is None:
        raise OAIError(
            "idDoesNotExist", f"No record has the identifier '{arguments['identifier']}'."
        )
    element = responses.add(root, "ListMetadataFormats")
    metadata_format = responses.add(element, "metadataFormat")
    responses.add(metadata_format, "metadataPrefix", dublin_core.PREFIX)
    responses.add(metadata_format, "schema", dublin_core.SCHEMA)
    responses.add(metadata_format, "metadataNamespace", dublin_core.NAMESPACE)


def list_sets(request, root, arguments):
    if "resumptionToken" in arguments:
        raise OAIError(
            "badResumptionToken",
            "ListSets answers in one response and issues no resumption tokens.",
        )
    element = responses.add(root, "ListSets")
    for record_set in records.all_sets():
        set_element = responses.add(element, "set")
        responses.add(set_element, "setSpec", record_set.spec)
        responses.add(set_element, "setName", record_set.name)
        if record_set.description:
            description = responses.add(set_element, "setDescription")
            responses.oai_dc(description, [("description", record_set.description)])


def get_record(request, root, arguments):
    page = records.find_record(arguments["identifier"])
    if page is None:
        raise OAIError(
            "idDoesNotExist", f"No record has the identifier '{arguments['identifier']}'."
        )
    _check_metadata_prefix(arguments["metadataPrefix"])
    _record(responses.add(root, "GetRecord"), page, request)


def list_identifiers(request, root, arguments):
    _list(request, root, arguments, "ListIdentifiers")


def list_records(request, root, arguments):
    _list(request, root, arguments, "ListRecords")


def _check_metadata_prefix(prefix: str):
    if prefix != dublin_core.PREFIX:
        raise OAIError(
            "cannotDisseminateFormat",
            f"'{prefix}' is not a metadata format of this repository; use {dublin_core.PREFIX}.",
        )


def _record(parent, page, request):
    resource = record_of(page, request)
    element = responses.add(parent, "record")
    _header(element, page, resource)
    metadata = responses.add(element, "metadata")
    responses.oai_dc(metadata, dublin_core.dublin_core(resource))


def _header(parent, page, resource=None):
    """A record's header: its datestamp from the selection, its sets from its public record."""
    resource = resource or record_of(page)
    responses.header(
        parent, records.oai_identifier(resource), page.datestamp, records.set_specs(resource)
    )


def _list(request, root, arguments, verb):
    """ListIdentifiers and ListRecords: one page of the selection, resumed after the last pk."""
    resuming = "resumptionToken" in arguments
    if resuming:
        state = read_resumption_token(verb, arguments["resumptionToken"])
    else:
        state = {
            "metadataPrefix": arguments["metadataPrefix"],
            "set": arguments.get("set"),
            "from": arguments.get("from"),
            "until": arguments.get("until"),
            "after": 0,
            "cursor": 0,
        }
    _check_metadata_prefix(state["metadataPrefix"])
    selection = records.select_records(
        state["set"], parse_datestamp_range(state["from"], state["until"])
    )
    if selection is None:
        raise OAIError("noRecordsMatch", f"There is no set '{state['set']}'.")
    size = records.page_size()
    resources = list(selection.filter(pk__gt=state["after"])[: size + 1])
    if not resources:
        raise OAIError("noRecordsMatch", "No records match the request.")
    more, resources = len(resources) > size, resources[:size]

    element = responses.add(root, verb)
    for page in resources:
        if verb == "ListRecords":
            _record(element, page, request)
        else:
            _header(element, page)
    if more or resuming:
        returned = state["cursor"] + len(resources)
        token = ""
        if more:
            token = make_resumption_token(
                verb, {**state, "after": resources[-1].pk, "cursor": returned}
            )
        responses.add(
            element,
            "resumptionToken",
            token,
            completeListSize=max(selection.count(), returned),
            cursor=state["cursor"],
        )


VERBS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
