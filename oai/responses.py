"""Writing OAI-PMH responses as XML with lxml, which escapes all content.

Text that XML 1.0 cannot hold at all (most control characters) is dropped rather than allowed to
break the response.
"""

import datetime as dt
import re

from lxml import etree

from . import dublin_core
from .arguments import DAY_DATESTAMP, METADATA_PREFIX, SECONDS_DATESTAMP, SET_SPEC

OAI_NAMESPACE = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{{{XSI_NAMESPACE}}}schemaLocation"

NOT_XML_CHARACTERS = re.compile(
    "[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

# Request arguments echoed back in <request>, each only when its value has the schema's shape.
ECHOED_ARGUMENTS = {
    "verb": re.compile(r"\w+"),
    "identifier": re.compile(r"\S+"),
    "metadataPrefix": METADATA_PREFIX,
    "from": re.compile(f"{DAY_DATESTAMP.pattern}|{SECONDS_DATESTAMP.pattern}"),
    "until": re.compile(f"{DAY_DATESTAMP.pattern}|{SECONDS_DATESTAMP.pattern}"),
    "set": SET_SPEC,
    "resumptionToken": re.compile(r".+", re.DOTALL),
}


def xml_text(value) -> str:
    return NOT_XML_CHARACTERS.sub("", str(value))


def datestamp(moment: dt.datetime) -> str:
    """A UTC datestamp to the second, the granularity this repository declares."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def oai(name: str) -> str:
    return f"{{{OAI_NAMESPACE}}}{name}"


def add(parent, name: str, text=None, **attributes):
    element = etree.SubElement(parent, oai(name), {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def envelope(base_url: str, arguments: dict[str, str] | None):
    """The <OAI-PMH> root with responseDate and request; arguments None echoes none (errors)."""
    root = etree.Element(oai("OAI-PMH"), nsmap={None: OAI_NAMESPACE, "xsi": XSI_NAMESPACE})
    root.set(SCHEMA_LOCATION, f"{OAI_NAMESPACE} {OAI_SCHEMA}")
    add(root, "responseDate", datestamp(dt.datetime.now(dt.UTC)))
    echoed = {
        name: value
        for name, value in (arguments or {}).items()
        if name in ECHOED_ARGUMENTS and ECHOED_ARGUMENTS[name].fullmatch(xml_text(value))
    }
    add(root, "request", base_url, **echoed)
    return root


def error(root, code: str, message: str):
    add(root, "error", message, code=code)


def header(parent, identifier: str, moment: dt.datetime, set_specs: list[str]):
    element = add(parent, "header")
    add(element, "identifier", identifier)
    add(element, "datestamp", datestamp(moment))
    for spec in set_specs:
        add(element, "setSpec", spec)
    return element


def oai_dc(parent, elements: list[tuple[str, str]]):
    """An <oai_dc:dc> element holding Dublin Core (element, value) pairs."""
    dc = etree.SubElement(
        parent,
        f"{{{dublin_core.NAMESPACE}}}dc",
        nsmap={
            "oai_dc": dublin_core.NAMESPACE,
            "dc": dublin_core.ELEMENTS_NAMESPACE,
            "xsi": XSI_NAMESPACE,
        },
    )
    dc.set(SCHEMA_LOCATION, f"{dublin_core.NAMESPACE} {dublin_core.SCHEMA}")
    for name, value in elements:
        etree.SubElement(dc, f"{{{dublin_core.ELEMENTS_NAMESPACE}}}{name}").text = xml_text(value)
    return dc


def serialize(root) -> bytes:
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
