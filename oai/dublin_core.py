"""A resource described in simple Dublin Core (the `oai_dc` metadata format every harvester reads)."""

from resources.partial_dates import iso_partial_date

PREFIX = "oai_dc"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
NAMESPACE = "http://www.openarchives.org/OAI/2.0/oai_dc/"
ELEMENTS_NAMESPACE = "http://purl.org/dc/elements/1.1/"

# DCMI Type vocabulary terms for resource types that are not text.


def w3cdtf_date(page) -> str | None:
    """The publication date to the precision it is known (W3CDTF: YYYY, YYYY-MM or YYYY-MM-DD)."""
    return iso_partial_date(page.publication_date, page.date_precision)


def dublin_core(page, request=None) -> list[tuple[str, str]]:
    """(element, value) pairs in the order oai_dc lists its elements; empty values left out."""
    elements = [("title", page.title)]
    elements += [("creator", name) for name in page.author_names]
    elements += [("subject", theme.title) for theme in page.themes.all()]
    elements += [("description", page.summary), ("publisher", page.publisher)]
    elements += [("date", w3cdtf_date(page))]
    elements += [
        ("type", page.resource_type.dcmi_type),
        ("type", page.resource_type.name),
        ("format", "text/html"),
        ("identifier", page.get_full_url(request)),
        ("identifier", page.external_url),
        ("source", page.source),
        ("language", "en"),
    ]
    elements += [("coverage", area.title) for area in page.areas.all()]
    return [(name, value) for name, value in elements if value]
