"""A resource described in simple Dublin Core (the `oai_dc` metadata format every harvester reads)."""

from resources import record

PREFIX = "oai_dc"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
NAMESPACE = "http://www.openarchives.org/OAI/2.0/oai_dc/"
ELEMENTS_NAMESPACE = "http://purl.org/dc/elements/1.1/"

# The fifteen elements in the order oai_dc lists them.
ELEMENTS = (
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
)

# The fields of the record `dublin_core` writes itself.
WRITTEN_BY_HAND = {
    "title",
    "authors",
    "themes",
    "summary",
    "publisher",
    "publication_date",
    "type",
    "url",
    "external_url",
    "source",
    "areas",
}


def dublin_core(resource: record.ResourceRecord) -> list[tuple[str, str]]:
    """(element, value) pairs in the order oai_dc lists its elements; empty values left out.

    A field the record adds for Dublin Core is written from its kind, one element a value, in
    its element's place."""
    elements = [("title", resource.title)]
    elements += [("creator", name) for name in resource.authors]
    elements += [("subject", theme.name) for theme in resource.themes]
    elements += [("description", resource.summary), ("publisher", resource.publisher)]
    elements += [("date", resource.publication_date.iso)]
    elements += [
        ("type", resource.type.dcmi),
        ("type", resource.type.name),
        ("format", "text/html"),
        ("identifier", resource.url),
        ("identifier", resource.external_url),
        ("source", resource.source),
        ("language", "en"),
    ]
    elements += [("coverage", area.name) for area in resource.areas]
    for record_field in record.further_fields("dublin_core", WRITTEN_BY_HAND):
        element = record.name_in("dublin_core", record_field)
        elements += [(element, value) for value in record.values_of(resource, record_field)]
    elements.sort(key=lambda pair: ELEMENTS.index(pair[0]))  # stable: hand order kept within one
    return [(name, value) for name, value in elements if value]
