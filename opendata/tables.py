"""The open data tables: every published resource, area, theme, organisation, reference and event.

Each `Table` states its fields once (name, Table Schema type, description) and builds its rows as
plain Python values. The `/data/` views serialise those rows as JSON and CSV and describe them in
`datapackage.json`. Resources and their references are written from their public records
(`resources.record`): a field the record adds for the open data becomes a column of its own, after
those stated here, described and written from its kind.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch

from areas.models import AreaPage
from organisations.models import Organisation
from resources import record
from resources.counts import with_resource_counts
from resources.models import ResourcePage
from resources.partial_dates import iso_partial_date
from resources.record import record_of, text_of, with_record_prefetches
from themes.models import ThemePage
from timeline.models import TimelineEvent

# A partial date as ISO 8601 to the precision known: "2010", "2019-11" or "2010-07-27".
PARTIAL_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
LIST_SEPARATOR = ";"

DEFAULT_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
DEFAULT_RIGHTS = (
    "The catalogue data (titles, summaries, tags, dates and references) may be reused under the "
    "licence named here, crediting Learning from Big Local. The documents the resources describe "
    "belong to their authors and publishers, as stated on each resource."
)


def licence() -> dict:
    """The licence the data is offered under; set OPEN_DATA_LICENCE to change it."""
    return getattr(settings, "OPEN_DATA_LICENCE", DEFAULT_LICENCE)


def rights_statement() -> str:
    return getattr(settings, "OPEN_DATA_RIGHTS", DEFAULT_RIGHTS)


@dataclass(frozen=True)
class Field:
    """One column, described as a Frictionless Table Schema field."""

    name: str
    type: str
    description: str
    is_list: bool = False
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str = ""
    format: str = ""

    def schema(self) -> dict:
        # A list is one CSV cell of values separated by ';', so Table Schema sees a string.
        descriptor = {"name": self.name, "type": "string" if self.is_list else self.type}
        if self.format:
            descriptor["format"] = self.format
        descriptor["description"] = self.description
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor

    @property
    def shown_type(self) -> str:
        return f"list of {self.type}s" if self.is_list else self.type


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    stated_fields: tuple[Field, ...]
    build_rows: Callable = field(repr=False)
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, other table, its field)
    # Fields the table gains from elsewhere (the resource record), asked for each time.
    further_fields: Callable[[], tuple[Field, ...]] = field(default=tuple, repr=False)

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.stated_fields + self.further_fields()

    def rows(self, request=None) -> list[dict]:
        return self.build_rows(request)

    def csv_row(self, row: dict) -> list[str]:
        return [_csv_cell(row[each.name]) for each in self.fields]

    def schema(self) -> dict:
        descriptor = {"fields": [each.schema() for each in self.fields], "missingValues": [""]}
        if self.primary_key:
            descriptor["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            descriptor["foreignKeys"] = [
                {"fields": name, "reference": {"resource": other, "fields": other_field}}
                for name, other, other_field in self.foreign_keys
            ]
        return descriptor


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


partial_date = iso_partial_date  # the open data's name for it (the API uses it too)


def utc_timestamp(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


text_from_html = text_of  # the open data's name for it (the API uses it too)


def page_url(page, request) -> str:
    return page.get_full_url(request) if request is not None else page.full_url


def _slugs(pages) -> list[str]:
    return sorted(page.slug for page in pages)


# Resources ---------------------------------------------------------------------------------------


def published_records(request):
    """The public record of every published resource, in slug order."""
    resources = with_record_prefetches(ResourcePage.objects.visible()).order_by("slug")
    return [record_of(resource, request) for resource in resources]


# The fields of the record `_resource_rows` writes itself.
WRITTEN_BY_HAND = {
    "slug",
    "title",
    "url",
    "text_url",
    "type",
    "summary",
    "publication_date",
    "year",
    "authors",
    "publisher",
    "external_url",
    "themes",
    "areas",
    "organisations",
    "first_published_at",
    "last_published_at",
}


def _further_resource_fields() -> tuple[Field, ...]:
    """A column for each field the record adds for the open data, described from its kind."""
    columns = []
    for record_field in record.further_fields("open_data", WRITTEN_BY_HAND):
        kind = record.kind_of(record_field)
        columns.append(
            Field(
                record.name_in("open_data", record_field),
                "integer" if kind == "number" else "string",
                record.description_of(record_field),
                is_list=kind in ("texts", "tags"),
                pattern=PARTIAL_DATE_PATTERN if kind == "date" else "",
            )
        )
    return tuple(columns)


def _further_value(resource, record_field):
    """A field of the record as a cell, from its kind (empty text is a missing value)."""
    value = getattr(resource, record_field.name)
    kind = record.kind_of(record_field)
    if kind == "tags":
        return _slugs(value)
    if kind == "texts":
        return list(value)
    if kind == "date":
        return value.iso
    return value if kind == "number" else value or None


def _resource_rows(request):
    rows = []
    further = record.further_fields("open_data", WRITTEN_BY_HAND)
    for resource in published_records(request):
        row = {
            "slug": resource.slug,
            "title": resource.title,
            "url": resource.url,
            "text_url": resource.text_url,
            "type": resource.type.slug,
            "type_name": resource.type.name,
            "summary": resource.summary,
            "publication_date": resource.publication_date.iso,
            "year": resource.year,
            "authors": list(resource.authors),
            "publisher": resource.publisher or None,
            "external_url": resource.external_url or None,
            "themes": _slugs(resource.themes),
            "areas": _slugs(resource.areas),
            "organisations": _slugs(resource.organisations),
            "first_published_at": utc_timestamp(resource.first_published_at),
            "last_published_at": utc_timestamp(resource.last_published_at),
        }
        for record_field in further:
            row[record.name_in("open_data", record_field)] = _further_value(resource, record_field)
        rows.append(row)
    return rows


RESOURCES = Table(
    name="resources",
    title="Resources",
    description="Every published item in the library: Q&A articles, reports, stories and more.",
    stated_fields=(
        Field(
            "slug",
            "string",
            "Identifier, unique in this table; the last part of its address.",
            required=True,
        ),
        Field("title", "string", "Title.", required=True),
        Field("url", "string", "Address of the resource's page.", format="uri", required=True),
        Field("text_url", "string", "Address of its plain-text version.", format="uri"),
        Field("type", "string", "Resource type (slug), e.g. qa-article, report.", required=True),
        Field("type_name", "string", "Resource type as shown on the site."),
        Field("summary", "string", "Two or three sentences summarising it."),
        Field(
            "publication_date",
            "string",
            "When it was published, as precisely as known: YYYY, YYYY-MM or YYYY-MM-DD.",
            pattern=PARTIAL_DATE_PATTERN,
        ),
        Field("year", "integer", "Year of publication."),
        Field("authors", "string", "Authors in credit order.", is_list=True),
        Field("publisher", "string", "Publisher."),
        Field(
            "external_url",
            "string",
            "Where the full resource can be read, if elsewhere.",
            format="uri",
        ),
        Field("themes", "string", "Themes it is tagged with (slugs, see themes).", is_list=True),
        Field("areas", "string", "Big Local areas it is about (slugs, see areas).", is_list=True),
        Field("organisations", "string", "Organisations it is tagged with (slugs).", is_list=True),
        Field("first_published_at", "datetime", "When it first appeared in the library (UTC)."),
        Field("last_published_at", "datetime", "When it was last changed in the library (UTC)."),
    ),
    build_rows=_resource_rows,
    primary_key=("slug",),
    further_fields=_further_resource_fields,
)


# Areas -------------------------------------------------------------------------------------------


def _area_rows(request):
    areas = with_resource_counts(AreaPage.objects.visible().select_related("region"))
    areas = areas.order_by("slug")
    return [
        {
            "slug": area.slug,
            "name": area.title,
            "url": page_url(area, request),
            "region": area.region.slug if area.region else None,
            "region_name": area.region.name if area.region else None,
            "local_authorities": area.local_authorities,
            "status": area.status or None,
            "location_confidence": area.location_confidence or None,
            "our_bigger_story": area.our_bigger_story,
            "variant_names": area.variants,
            "summary": text_from_html(area.summary) or None,
            "resource_count": area.resource_count,
        }
        for area in areas
    ]


AREAS = Table(
    name="areas",
    title="Big Local areas",
    description="The Big Local neighbourhoods, with their region, council and status.",
    stated_fields=(
        Field("slug", "string", "Identifier, unique in this table.", required=True),
        Field("name", "string", "Name of the area.", required=True),
        Field("url", "string", "Address of the area's page.", format="uri", required=True),
        Field("region", "string", "English region (slug), e.g. north-east."),
        Field("region_name", "string", "English region as named on the site."),
        Field("local_authorities", "string", "Council or councils the area lies in.", is_list=True),
        Field(
            "status",
            "string",
            "How the area's Big Local ended, where recorded.",
            enum=("completed", "disbanded"),
        ),
        Field(
            "location_confidence",
            "string",
            "How sure the library is of where the area is.",
            enum=("high", "medium"),
        ),
        Field(
            "our_bigger_story",
            "boolean",
            "Whether it was one of the 15 areas the Our Bigger Story evaluation followed.",
        ),
        Field("variant_names", "string", "Other names documents use for the area.", is_list=True),
        Field("summary", "string", "What the area did and what changed, as plain text."),
        Field("resource_count", "integer", "Published resources about the area."),
    ),
    build_rows=_area_rows,
    primary_key=("slug",),
)


# Themes ------------------------------------------------------------------------------------------


def _theme_rows(request):
    themes = with_resource_counts(ThemePage.objects.visible().select_related("group"))
    themes = themes.order_by("slug")
    return [
        {
            "slug": theme.slug,
            "name": theme.title,
            "url": page_url(theme, request),
            "group": theme.group.slug if theme.group else None,
            "group_name": theme.group.name if theme.group else None,
            "description": theme.description,
            "resource_count": theme.resource_count,
        }
        for theme in themes
    ]


THEMES = Table(
    name="themes",
    title="Themes",
    description="The topics the library is browsed by, in their groups.",
    stated_fields=(
        Field("slug", "string", "Identifier, unique in this table.", required=True),
        Field("name", "string", "Name of the theme.", required=True),
        Field("url", "string", "Address of the theme's page.", format="uri", required=True),
        Field("group", "string", "Theme group (slug)."),
        Field("group_name", "string", "Theme group as named on the site."),
        Field("description", "string", "A short introduction to the theme."),
        Field("resource_count", "integer", "Published resources tagged with the theme."),
    ),
    build_rows=_theme_rows,
    primary_key=("slug",),
)


# Organisations -----------------------------------------------------------------------------------


def _organisation_rows(request):
    organisations = with_resource_counts(Organisation.objects.all())
    return [
        {
            "slug": organisation.slug,
            "name": organisation.name,
            "abbreviation": organisation.abbreviation or None,
            "kind": organisation.kind or None,
            "description": organisation.description or None,
            "resource_count": organisation.resource_count,
        }
        for organisation in organisations.order_by("slug")
    ]


ORGANISATIONS = Table(
    name="organisations",
    title="Organisations",
    description="Organisations named in the library: the programme operator, funders, partners.",
    stated_fields=(
        Field("slug", "string", "Identifier, unique in this table.", required=True),
        Field("name", "string", "Name of the organisation.", required=True),
        Field("abbreviation", "string", "Short name, if it has one."),
        Field("kind", "string", "Its role, e.g. funder, support partner."),
        Field("description", "string", "What it is and what it did in Big Local."),
        Field("resource_count", "integer", "Published resources tagged with it."),
    ),
    build_rows=_organisation_rows,
    primary_key=("slug",),
)


# References --------------------------------------------------------------------------------------


def _reference_rows(request):
    return [
        {
            "resource": resource.slug,
            "position": position,
            "authors": reference.authors or None,
            "year": reference.year,
            "title": reference.title,
            "publisher": reference.publisher or None,
            "url": reference.url or None,
            "note": reference.note or None,
            "citation": reference.citation or None,
            "target": reference.target,
        }
        for resource in published_records(request)
        for position, reference in enumerate(resource.references, start=1)
    ]


REFERENCES = Table(
    name="references",
    title="References",
    description="The references each published resource cites, in the order it lists them.",
    stated_fields=(
        Field("resource", "string", "The citing resource (slug, see resources).", required=True),
        Field(
            "position", "integer", "Place in the resource's reference list, from 1.", required=True
        ),
        Field("authors", "string", "Authors as written in the reference."),
        Field("year", "integer", "Year of the cited work."),
        Field("title", "string", "Title of the cited work.", required=True),
        Field("publisher", "string", "Publisher of the cited work."),
        Field("url", "string", "Where the cited work can be found.", format="uri"),
        Field("note", "string", "A note such as when the link was last checked."),
        Field("citation", "string", "The reference as written in the source."),
        Field(
            "target",
            "string",
            "The resource in this library the reference points to (slug), if any.",
        ),
    ),
    build_rows=_reference_rows,
    primary_key=("resource", "position"),
    foreign_keys=(("resource", "resources", "slug"), ("target", "resources", "slug")),
)


# Timeline ----------------------------------------------------------------------------------------


def _timeline_rows(request):
    events = TimelineEvent.objects.all().prefetch_related(
        Prefetch("resources", queryset=ResourcePage.objects.visible())
    )
    return [
        {
            "id": event.pk,
            "date": partial_date(event.date, event.date_precision),
            "title": event.title,
            "description": event.description or None,
            "resources": _slugs(event.resources.all()),
        }
        for event in events
    ]


TIMELINE = Table(
    name="timeline",
    title="Timeline",
    description="Dated events of the Big Local programme, oldest first.",
    stated_fields=(
        Field("id", "integer", "Identifier, unique in this table.", required=True),
        Field(
            "date",
            "string",
            "When it happened, as precisely as known: YYYY, YYYY-MM or YYYY-MM-DD.",
            required=True,
            pattern=PARTIAL_DATE_PATTERN,
        ),
        Field("title", "string", "What happened.", required=True),
        Field("description", "string", "More about the event."),
        Field("resources", "string", "Published resources about the event (slugs).", is_list=True),
    ),
    build_rows=_timeline_rows,
    primary_key=("id",),
)


TABLES = {
    table.name: table for table in (RESOURCES, AREAS, THEMES, ORGANISATIONS, REFERENCES, TIMELINE)
}
FORMATS = ("json", "csv")
