"""How published resources, areas and themes look in the read API (and in its OpenAPI document)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from home.site_address import absolute
from opendata.tables import PARTIAL_DATE_PATTERN, partial_date
from resources.record import body_sections, text_of

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
    """A date known to the day, month or year, written as ISO 8601 to that precision."""

    def __init__(self, date_attribute: str, **kwargs):
        self.date_attribute = date_attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return partial_date(getattr(instance, self.date_attribute), instance.date_precision)


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
    name = serializers.CharField(source="title")


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
        published_ids = self.context.get("published_ids", set())
        return reference.target.slug if reference.target_id in published_ids else None


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
    url = PageUrlField()
    api_url = ApiUrlField(view_name="api:resource-detail", **SLUG_LOOKUP)
    type = NamedSlugSerializer(source="resource_type")
    summary = serializers.CharField()
    publication_date = PartialDateField("publication_date")
    year = serializers.IntegerField(allow_null=True)
    authors = serializers.ListField(child=serializers.CharField(), source="author_names")
    themes = TaggedPageSerializer(many=True)
    areas = TaggedPageSerializer(many=True)


class ResourceDetailSerializer(ResourceSerializer):
    """One resource in full: its text, tags, references and what cites it."""

    text_url = serializers.SerializerMethodField()
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

    @extend_schema_field(OpenApiTypes.URI)
    def get_text_url(self, page) -> str:
        return page.get_full_url(self.context.get("request")) + "text/"

    def get_key_points(self, page) -> list[str]:
        return [point.value for point in page.key_points]

    @extend_schema_field(SectionSerializer(many=True))
    def get_sections(self, page):
        return [
            {"heading": section.heading or None, "text": section.text}
            for section in body_sections(page)
        ]

    @extend_schema_field(ReferenceSerializer(many=True))
    def get_references(self, page):
        references = page.references.select_related("target").order_by("sort_order", "pk")
        return ReferenceSerializer(references, many=True, context=self.context).data

    def get_cited_by(self, page) -> list[str]:
        published_ids = self.context.get("published_ids", set())
        citing = page.incoming_references.values_list("page_id", "page__slug")
        return sorted({slug for page_id, slug in citing if page_id in published_ids} - {page.slug})


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
