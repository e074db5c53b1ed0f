"""Reading an OAI-PMH request: its verb and arguments, datestamp ranges and resumption tokens.

Everything a harvester can get wrong is reported as an `OAIError` carrying the protocol's error
code, which the view turns into an OAI-PMH error response (never an HTTP error).
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.core import signing

# Each verb's required and optional arguments (OAI-PMH 2.0, section 4).
VERB_ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}),
}
# Verbs whose lists may be split into pages; resumptionToken is their exclusive argument.
RESUMABLE_VERBS = {"ListSets", "ListIdentifiers", "ListRecords"}

# The shapes the OAI-PMH schema allows for these values.
SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
METADATA_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
DAY_DATESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
SECONDS_DATESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z")

TOKEN_SALT = "oai.resumption-token"


class OAIError(Exception):
    """A request the repository cannot answer, with its OAI-PMH error code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def parse_arguments(query) -> tuple[str, dict[str, str]]:
    """The verb and the other arguments of a request, checked against what the verb allows."""
    verbs = query.getlist("verb")
    if not verbs:
        raise OAIError("badVerb", "The request has no verb argument.")
    if len(verbs) > 1:
        raise OAIError("badVerb", "The verb argument is repeated.")
    verb = verbs[0]
    if verb not in VERB_ARGUMENTS:
        raise OAIError("badVerb", f"'{verb}' is not an OAI-PMH verb.")

    arguments = {}
    for name, values in query.lists():
        if name == "verb":
            continue
        if len(values) > 1:
            raise OAIError("badArgument", f"The argument '{name}' is repeated.")
        arguments[name] = values[0]

    required, optional = VERB_ARGUMENTS[verb]
    allowed = required | optional
    if verb in RESUMABLE_VERBS:
        allowed = allowed | {"resumptionToken"}
    unknown = sorted(set(arguments) - allowed)
    if unknown:
        raise OAIError("badArgument", f"{verb} does not take the argument '{unknown[0]}'.")
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OAIError("badArgument", "resumptionToken must be the only argument besides verb.")
        return verb, arguments
    missing = sorted(required - set(arguments))
    if missing:
        raise OAIError("badArgument", f"{verb} needs the argument '{missing[0]}'.")
    if "set" in arguments and not SET_SPEC.fullmatch(arguments["set"]):
        raise OAIError("badArgument", f"'{arguments['set']}' is not a valid setSpec.")
    return verb, arguments


@dataclass(frozen=True)
class DatestampRange:
    """Datestamps from `start` (inclusive) to `end` (exclusive), in UTC; None is unbounded."""

    start: dt.datetime | None = None
    end: dt.datetime | None = None


def _parse_datestamp(name: str, value: str) -> tuple[dt.datetime, bool]:
    """The datestamp as a UTC datetime, and whether it was given to the day only."""
    if match := DAY_DATESTAMP.fullmatch(value):
        parts, day_only = match.groups(), True
    elif match := SECONDS_DATESTAMP.fullmatch(value):
        parts, day_only = match.groups(), False
    else:
        raise OAIError(
            "badArgument",
            f"The {name} argument '{value}' is not a UTC datestamp "
            "(YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).",
        )
    try:
        moment = dt.datetime(*(int(part) for part in parts), tzinfo=dt.UTC)
    except ValueError as error:
        raise OAIError(
            "badArgument", f"The {name} argument '{value}' is not a real date."
        ) from error
    return moment, day_only


def parse_datestamp_range(from_: str | None, until: str | None) -> DatestampRange:
    """The `from`/`until` selection: both ends inclusive, at the granularity each was given."""
    start = end = None
    if from_ is not None:
        start, from_day_only = _parse_datestamp("from", from_)
    if until is not None:
        until_moment, until_day_only = _parse_datestamp("until", until)
        # Datestamps are shown to the second, so "until T" takes in the whole of second T (or day).
        step = dt.timedelta(days=1) if until_day_only else dt.timedelta(seconds=1)
        end = (
            until_moment + step
            if until_moment < dt.datetime.max.replace(tzinfo=dt.UTC) - step
            else None
        )
    if start is not None and end is not None:
        if from_day_only != until_day_only:
            raise OAIError("badArgument", "from and until must have the same granularity.")
        if start > until_moment:
            raise OAIError("badArgument", "from is later than until.")
    return DatestampRange(start, end)


def make_resumption_token(verb: str, state: dict) -> str:
    """A signed token holding where the list stopped: harvesters cannot forge or alter it."""
    return signing.dumps({"verb": verb, **state}, salt=TOKEN_SALT, compress=True)


def read_resumption_token(verb: str, token: str) -> dict:
    try:
        state = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature as error:
        raise OAIError(
            "badResumptionToken", "The resumption token is not one this repository issued."
        ) from error
    if not isinstance(state, dict) or state.pop("verb", None) != verb:
        raise OAIError("badResumptionToken", f"The resumption token does not belong to {verb}.")
    return state
