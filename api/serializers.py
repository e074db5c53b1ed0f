"""How published resources, areas and themes look in the read API (and in its OpenAPI document).

A resource is written from its public record (`resources.record`): the fields below are written as
the API has always written them, and a field the record adds for the API is written from its kind
(`further_field`), after them.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from home.site_address import absolute
from opendata.tables import PARTIAL_DATE_PATTERN
from resources import record
from resources.record import text_of

SLUG_LOOKUP = {"lookup_field": "slug", "lookup_url_kwarg": "slug"}


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "pattern": f"^{PARTIAL_DATE_PATTERN}$",
        "description": "As precisely as known: YYYY, YYYY-MM or YYYY-MM-DD.",
        "example": "2019-11",
    }
)
class PartialDateField(serializers.Field):
    """A date known to the day, month or year (a record's `PartialDate`), written as ISO 8601 to
    that precision."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value.iso


@extend_schema_field(OpenApiTypes.URI)
class UriField(serializers.CharField):
    """An address the record already holds in full."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The page's public address on the site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return page.get_full_url(self.context.get("request"))


class NamedSlugSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class TaggedPageSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ReferenceSerializer(serializers.Serializer):
    authors = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    publisher = serializers.CharField()
    url = serializers.CharField()
    note = serializers.CharField()
    citation = serializers.CharField()
    target = serializers.SerializerMethodField(
        help_text="Slug of the resource in this library the reference points to, if any."
    )

    def get_target(self, reference) -> str | None:
        return reference.target


class ApiUrlField(serializers.HyperlinkedIdentityField):
    """The API address of an item, on the site's public address rather than the request's host."""

    def get_url(self, obj, view_name, request, format):
        relative = super().get_url(obj, view_name, None, format)
        return absolute(relative) if relative else relative


class SectionSerializer(serializers.Serializer):
    heading = serializers.CharField(allow_null=True)
    text = serializers.CharField()


class ResourceSerializer(serializers.Serializer):
    """A resource in lists: enough to show and filter it."""

    slug = serializers.CharField()
    title = serializers.CharField()
    url = UriField()
    api_url = ApiUrlField(view_name="api:resource-detail", **SLUG_LOOKUP)
    type = NamedSlugSerializer()
    summary = serializers.CharField()
    publication_date = PartialDateField()
    year = serializers.IntegerField(allow_null=True)
    authors = serializers.ListField(child=serializers.CharField())
    themes = TaggedPageSerializer(many=True)
    areas = TaggedPageSerializer(many=True)


# The fields of the record the serializers above and below write themselves.
WRITTEN_BY_HAND = {
    "slug",
    "title",
    "url",
    "type",
    "summary",
    "publication_date",
    "year",
    "authors",
    "themes",
    "areas",
    "text_url",
    "key_points",
    "sections",
    "organisations",
    "publisher",
    "external_url",
    "references",
    "cited_by",
    "first_published_at",
    "last_published_at",
}


def further_field(record_field) -> serializers.Field:
    """How the API writes a field of the record it has no code for, from the field's kind."""
    options = {"help_text": record.description_of(record_field)}
    if record.name_in("api", record_field) != record_field.name:
        options["source"] = record_field.name
    kind = record.kind_of(record_field)
    if kind == "tags":
        return TaggedPageSerializer(many=True, **options)
    if kind == "texts":
        return serializers.ListField(child=serializers.CharField(), **options)
    if kind == "number":
        return serializers.IntegerField(allow_null=True, **options)
    return PartialDateField(**options) if kind == "date" else serializers.CharField(**options)


class ResourceDetailSerializer(ResourceSerializer):
    """One resource in full: its text, tags, references and what cites it."""

    text_url = UriField()
    key_points = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    organisations = NamedSlugSerializer(many=True)
    publisher = serializers.CharField()
    external_url = serializers.CharField()
    references = serializers.SerializerMethodField()
    cited_by = serializers.SerializerMethodField(
        help_text="Slugs of published resources whose references point to this one."
    )
    first_published_at = serializers.DateTimeField(allow_null=True)
    last_published_at = serializers.DateTimeField(allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        for record_field in record.further_fields("api", WRITTEN_BY_HAND):
            fields[record.name_in("api", record_field)] = further_field(record_field)
        return fields

    def get_key_points(self, resource) -> list[str]:
        return list(resource.key_points)

    @extend_schema_field(SectionSerializer(many=True))
    def get_sections(self, resource):
        return [
            {"heading": section.heading or None, "text": section.text}
            for section in resource.sections
        ]

    @extend_schema_field(ReferenceSerializer(many=True))
    def get_references(self, resource):
        return ReferenceSerializer(resource.references, many=True, context=self.context).data

    def get_cited_by(self, resource) -> list[str]:
        return list(resource.cited_by)


# What areas and themes share: slug, name and address on the site. (A comment, not a docstring:
# drf-spectacular would print a docstring as both schemas' description.)
class NamedPageSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(source="title")
    url = PageUrlField()


class AreaSerializer(NamedPageSerializer):
    api_url = ApiUrlField(view_name="api:area-detail", **SLUG_LOOKUP)
    region = NamedSlugSerializer(allow_null=True)
    local_authorities = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField(help_text="`completed`, `disbanded`, or empty if not recorded.")
    location_confidence = serializers.CharField(help_text="`high`, `medium`, or empty.")
    our_bigger_story = serializers.BooleanField(
        help_text="One of the 15 areas the Our Bigger Story evaluation followed."
    )
    variant_names = serializers.ListField(child=serializers.CharField(), source="variants")
    summary = serializers.SerializerMethodField()
    resource_count = serializers.IntegerField(help_text="Published resources about the area.")

    def get_summary(self, area) -> str:
        return text_of(area.summary)


class ThemeSerializer(NamedPageSerializer):
    api_url = ApiUrlField(view_name="api:theme-detail", **SLUG_LOOKUP)
    group = NamedSlugSerializer(allow_null=True)
    description = serializers.CharField()
    resource_count = serializers.IntegerField(help_text="Published resources with the theme.")
