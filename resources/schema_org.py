"""A resource in schema.org terms: the JSON-LD block of its page, for search engines and citation
tools, written from its public record (`resources.record`).

The properties below are written as they always were; a field the record adds for schema.org is
written from its kind after them (`further_value`), so adding one needs no code here.
"""

from resources import record

# The fields of the record `structured_data` writes itself.
WRITTEN_BY_HAND = {
    "title",
    "url",
    "type",
    "summary",
    "publication_date",
    "authors",
    "publisher",
    "external_url",
    "themes",
    "areas",
    "image",
    "references",
    "recording_url",
    "series",
}


def structured_data(resource: record.ResourceRecord) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": resource.type.schema_org,
        "headline": resource.title[:110],
        "name": resource.title,
        "description": resource.summary,
        "url": resource.url,
        "genre": resource.type.name,
        "inLanguage": "en-GB",
        "isPartOf": {"@type": "WebSite", "name": "Learning from Big Local"},
    }
    if resource.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in resource.authors]
    if resource.publication_date.iso:
        data["datePublished"] = resource.publication_date.iso
    if resource.publisher:
        data["publisher"] = {"@type": "Organization", "name": resource.publisher}
    if resource.themes:
        data["about"] = [theme.name for theme in resource.themes]
    if resource.areas:
        data["spatialCoverage"] = [{"@type": "Place", "name": area.name} for area in resource.areas]
    if resource.references:
        data["citation"] = [reference.text for reference in resource.references]
    if resource.external_url:
        data["sameAs"] = resource.external_url
    if resource.image:
        data["image"] = image_object(resource.image)
    if resource.recording_url:
        audio = {
            "@type": "AudioObject",
            "contentUrl": resource.recording_url,
            "encodingFormat": resource.recording_type,
            "duration": resource.duration,
        }
        data["associatedMedia"] = {key: value for key, value in audio.items() if value}
    if resource.series:
        data["partOfSeries"] = {"@type": "PodcastSeries", "name": resource.series}
    for record_field in record.further_fields("schema_org", WRITTEN_BY_HAND):
        value = further_value(resource, record_field)
        if value not in (None, "", []):
            data[record.name_in("schema_org", record_field)] = value
    return data


def image_object(image: record.Image) -> dict:
    """The picture with its credit (`creditText`), so whoever reuses it knows whom to credit."""
    described = {
        "@type": "ImageObject",
        "contentUrl": image.url,
        "description": image.alt,
        "caption": image.caption,
        "creditText": image.credit,
    }
    return {key: value for key, value in described.items() if value}


def further_value(resource: record.ResourceRecord, record_field):
    """A field of the record written from its kind: one value, or a list of them."""
    values = record.values_of(resource, record_field)
    if record.kind_of(record_field) in ("texts", "tags"):
        return values
    if record.kind_of(record_field) == "number":
        return getattr(resource, record_field.name)
    return values[0] if values else None
