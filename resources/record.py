"""The public record of a resource: everything the site says about it in public, read in one place.

The search index, the read API, the open data, OAI-PMH (Dublin Core), JSON-LD, the feeds and the
plain-text version (and so the archive, which saves those pages) all describe the same resource.
Each writes a `ResourceRecord` built here by `record_of(page)`, rather than reading the page and
its StreamField itself, so they cannot disagree: a tag hidden from one is hidden from all (tags and
cited resources go through `security.visibility`), a sentence quoted from one is the sentence on
the page, and a date is ISO 8601 to the precision known everywhere. `with_record_prefetches`
prepares a queryset, so a list of records costs the same few queries however long it is.

Adding a field shown everywhere: declare it on `ResourceRecord` with `shown(...)` naming it in
each output and fill it in `record_of`. An output writes by hand only the fields it lists in its
own `WRITTEN_BY_HAND`; every other field that names it is written from its kind (`kind_of`) in the
place `further_fields` gives it. So a field is this file (with a model field and its migration,
three files); resources/tests/test_public_record.py checks it.

Rich text reads as the words a reader sees: blocks (paragraphs, list items, headings) end in a
blank line and inline markup (links, emphasis) vanishes without adding spaces.
"""

import datetime
import html
import re
import typing
from dataclasses import dataclass, field, fields

from django.utils.text import slugify

from resources.partial_dates import format_partial_date, iso_partial_date
from resources.transcripts import timed_turns

BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote|tr|td|th)>|<br\s*/?>", re.IGNORECASE)


def text_of(rich_text: str) -> str:
    """Stored rich text (or any HTML) as the plain text a reader sees."""
    text = BLOCK_END.sub("\n\n", rich_text or "")
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"\n\s*\n\s*", "\n\n", text).strip()


@dataclass(frozen=True)
class TextSection:
    heading: str  # "" for a paragraph block without a heading
    anchor: str  # where `#anchor` links on the page point ("" without a heading)
    text: str


def body_sections(page) -> list[TextSection]:
    """The resource's body, block by block, as text with the headings and anchors the page shows.

    A transcript gives one section per turn, headed by who speaks and when and anchored at its
    moment (`#t-00-01-23`), so search finds the passage and links to the moment it is said."""
    sections = []
    for block in page.body:
        if block.block_type == "section":
            heading = block.value["heading"]
            sections.append(
                TextSection(heading, slugify(heading), text_of(block.value["content"].source))
            )
        elif block.block_type == "transcript":
            sections += [
                TextSection(f"{turn['speaker']}, {turn['time']}", turn["anchor"], turn["text"])
                for turn in timed_turns(block.value)
            ]
        else:
            sections.append(TextSection("", "", text_of(block.value.source)))
    return sections


# The parts of a record ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """The resource's type, with its names in the metadata standards the outputs speak."""

    slug: str
    name: str
    schema_org: str
    dcmi: str


@dataclass(frozen=True)
class Tag:
    """A theme, area or organisation the resource is tagged with (only when publicly visible)."""

    slug: str
    name: str
    path: str = ""  # the tag's page on the site (themes and areas have one)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, month or year."""

    date: datetime.date | None
    precision: str

    @property
    def iso(self) -> str | None:
        """ "2019", "2019-11" or "2019-11-05": how every output writes it."""
        return iso_partial_date(self.date, self.precision)

    @property
    def shown(self) -> str:
        """ "November 2019": how pages show it."""
        return format_partial_date(self.date, self.precision)


@dataclass(frozen=True)
class Image:
    """The resource's picture: where it is, what it shows, and whom to credit."""

    url: str
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class Reference:
    """A reference the resource cites; `target` is the slug of the library resource it points to,
    only when the public may see that resource."""

    authors: str
    year: int | None
    title: str
    publisher: str
    url: str
    note: str
    citation: str
    target: str | None

    @property
    def text(self) -> str:
        """The reference as one line: as written in the source, or put together from its parts."""
        return self.citation or f"{self.authors} ({self.year}) {self.title}"


@dataclass(frozen=True)
class Shown:
    """Where a field of the record appears: its name in each output (None where it is not shown).

    `description` says what it is, in the open data's data package and the API's documentation.
    """

    description: str
    api: str | None = None  # key in the read API's resource detail
    open_data: str | None = None  # column of the open data's resources table
    dublin_core: str | None = None  # element of the OAI-PMH record
    schema_org: str | None = None  # property of the page's JSON-LD


def shown(description: str, **names) -> dict:
    """`field(metadata=...)` for a field of the record: `shown("Publisher.", api="publisher")`."""
    return {"shown": Shown(description, **names)}


OUTPUTS = ("api", "open_data", "dublin_core", "schema_org")


@dataclass(frozen=True)
class ResourceRecord:
    """A resource as the public may see it, in the order outputs list these facts."""

    slug: str = field(
        metadata=shown("Identifier; the last part of its address.", api="slug", open_data="slug")
    )
    title: str = field(
        metadata=shown(
            "Title.", api="title", open_data="title", dublin_core="title", schema_org="name"
        )
    )
    url: str = field(
        metadata=shown(
            "Address of the resource's page.",
            api="url",
            open_data="url",
            dublin_core="identifier",
            schema_org="url",
        )
    )
    text_url: str = field(
        metadata=shown("Address of its plain-text version.", api="text_url", open_data="text_url")
    )
    type: Kind = field(
        metadata=shown(
            "Resource type.", api="type", open_data="type", dublin_core="type", schema_org="@type"
        )
    )
    summary: str = field(
        metadata=shown(
            "Two or three sentences summarising it.",
            api="summary",
            open_data="summary",
            dublin_core="description",
            schema_org="description",
        )
    )
    key_points: tuple[str, ...] = field(metadata=shown("Key points.", api="key_points"))
    sections: tuple[TextSection, ...] = field(
        metadata=shown("The body as plain text, section by section.", api="sections")
    )
    publication_date: PartialDate = field(
        metadata=shown(
            "When it was published, as precisely as known: YYYY, YYYY-MM or YYYY-MM-DD.",
            api="publication_date",
            open_data="publication_date",
            dublin_core="date",
            schema_org="datePublished",
        )
    )
    year: int | None = field(metadata=shown("Year of publication.", api="year", open_data="year"))
    authors: tuple[str, ...] = field(
        metadata=shown(
            "Authors in credit order.",
            api="authors",
            open_data="authors",
            dublin_core="creator",
            schema_org="author",
        )
    )
    publisher: str = field(
        metadata=shown(
            "Publisher.",
            api="publisher",
            open_data="publisher",
            dublin_core="publisher",
            schema_org="publisher",
        )
    )
    external_url: str = field(
        metadata=shown(
            "Where the full resource can be read, if elsewhere.",
            api="external_url",
            open_data="external_url",
            dublin_core="identifier",
            schema_org="sameAs",
        )
    )
    source: str = field(metadata=shown("Where it came from.", dublin_core="source"))
    themes: tuple[Tag, ...] = field(
        metadata=shown(
            "Themes it is tagged with.",
            api="themes",
            open_data="themes",
            dublin_core="subject",
            schema_org="about",
        )
    )
    areas: tuple[Tag, ...] = field(
        metadata=shown(
            "Big Local areas it is about.",
            api="areas",
            open_data="areas",
            dublin_core="coverage",
            schema_org="spatialCoverage",
        )
    )
    organisations: tuple[Tag, ...] = field(
        metadata=shown(
            "Organisations it is tagged with.", api="organisations", open_data="organisations"
        )
    )
    image: Image | None = field(metadata=shown("Its picture, with credit.", schema_org="image"))
    # The open data lists references in a table of their own (references.csv).
    references: tuple[Reference, ...] = field(
        metadata=shown("The references it cites.", api="references", schema_org="citation")
    )
    # A podcast episode's recording, written by hand where an output nests it (schema.org's
    # AudioObject); elsewhere each part is a field of its own kind.
    recording_url: str = field(
        metadata=shown(
            "Address of its recording (podcast episodes).",
            api="recording_url",
            open_data="recording_url",
            schema_org="associatedMedia",
        )
    )
    recording_type: str = field(
        metadata=shown("The recording's audio type, such as audio/mpeg.", api="recording_type")
    )
    duration: str = field(
        metadata=shown(
            "The recording's length, as an ISO 8601 duration (PT1M23S).",
            api="duration",
            open_data="duration",
        )
    )
    series: str = field(
        metadata=shown(
            "The series it is an episode of.",
            api="series",
            open_data="series",
            schema_org="partOfSeries",
        )
    )
    episode_number: int | None = field(
        metadata=shown(
            "Its number in the series.",
            api="episode_number",
            open_data="episode_number",
            schema_org="episodeNumber",
        )
    )
    cited_by: tuple[str, ...] = field(
        metadata=shown("Published resources whose references point to it.", api="cited_by")
    )
    first_published_at: datetime.datetime | None = field(
        metadata=shown(
            "When it first appeared in the library.",
            api="first_published_at",
            open_data="first_published_at",
        )
    )
    last_published_at: datetime.datetime | None = field(
        metadata=shown(
            "When it was last changed in the library.",
            api="last_published_at",
            open_data="last_published_at",
        )
    )


def public_fields(output: str) -> list:
    """The fields of the record `output` ("api", "open_data" ...) shows, in the record's order."""
    return [each for each in fields(ResourceRecord) if getattr(each.metadata["shown"], output)]


def further_fields(output: str, written_by_hand) -> list:
    """The fields `output` shows that it does not write by hand: it writes these from their kind,
    after its own (so what it already writes stays as it was)."""
    return [each for each in public_fields(output) if each.name not in written_by_hand]


def name_in(output: str, record_field) -> str:
    return getattr(record_field.metadata["shown"], output)


def description_of(record_field) -> str:
    return record_field.metadata["shown"].description


KINDS = {
    str: "text",
    int | None: "number",
    PartialDate: "date",
    tuple[str, ...]: "texts",
    tuple[Tag, ...]: "tags",
}


def kind_of(record_field) -> str:
    """How an output writes a field it has no code for: "text", "number", "date" (ISO 8601 to
    its precision), "texts" (a list of strings) or "tags" (slugs and names)."""
    annotation = typing.get_type_hints(ResourceRecord)[record_field.name]
    if annotation not in KINDS:
        raise TypeError(f"Outputs cannot write {record_field.name} ({annotation}) on their own")
    return KINDS[annotation]


def values_of(record: ResourceRecord, record_field) -> list[str]:
    """A field's value as strings, one a value, for outputs that repeat an element (Dublin Core)."""
    value = getattr(record, record_field.name)
    kind = kind_of(record_field)
    if kind == "date":
        return [value.iso] if value.iso else []
    if kind == "texts":
        return list(value)
    if kind == "tags":
        return [tag.name for tag in value]
    return [str(value)] if value not in (None, "") else []


# Building records ---------------------------------------------------------------------------------


def record_prefetches() -> list:
    """What `record_of` reads, for querysets of resources; tags and cited resources are limited to
    those the public may see."""
    from django.db.models import Exists, F, OuterRef, Prefetch, Subquery

    from areas.models import AreaPage
    from resources.models import ResourcePage, ResourceReference
    from themes.models import ThemePage

    visible_resources = ResourcePage.objects.visible()
    references = ResourceReference.objects.annotate(
        visible_target=Subquery(visible_resources.filter(pk=OuterRef("target_id")).values("slug"))
    ).order_by("sort_order", "pk")
    # Each citing row asks whether its own page is visible (EXISTS). As "page IN (every visible
    # page)" SQLite read the whole visible set for each row: at 100,000 resources a chunk of the
    # search index's rebuild ran for over half an hour on ten references (0.12 s this way).
    citing = ResourceReference.objects.filter(
        Exists(visible_resources.filter(pk=OuterRef("page_id")))
    )
    citing = citing.annotate(citing_slug=F("page__slug")).only("target")
    return [
        "authors",
        "organisations",
        Prefetch("themes", ThemePage.objects.visible().order_by("title"), to_attr="record_themes"),
        Prefetch("areas", AreaPage.objects.visible().order_by("title"), to_attr="record_areas"),
        Prefetch("references", references, to_attr="record_references"),
        Prefetch(
            "incoming_references",
            citing,
            to_attr="record_citing",
        ),
    ]


def with_record_prefetches(resources):
    """`resources` (a queryset) ready for `record_of` without a query a resource."""
    return resources.select_related(
        "resource_type", "hero_image", "recording", "series"
    ).prefetch_related(*record_prefetches())


def _prefetched(page, name: str):
    """The prefetched rows `name` of `record_prefetches`, fetching them for a page on its own."""
    if not hasattr(page, f"record_{name}"):
        from django.db.models import prefetch_related_objects

        prefetch_related_objects([page], *record_prefetches())
    return getattr(page, f"record_{name}")


def _tags(pages) -> tuple[Tag, ...]:
    return tuple(Tag(page.slug, page.title, page.url) for page in pages)


def _image(page) -> Image | None:
    from home.site_address import absolute

    image = page.hero_image
    if image is None:
        return None
    return Image(
        absolute(image.file.url), image.default_alt_text, page.hero_caption, page.hero_credit
    )


def record_of(page, request=None) -> ResourceRecord:
    """The public record of `page` (a `ResourcePage`, best from `with_record_prefetches`)."""
    url = page.get_full_url(request)
    kind = page.resource_type
    return ResourceRecord(
        slug=page.slug,
        title=page.title,
        url=url,
        text_url=url + "text/",
        type=Kind(kind.slug, kind.name, kind.schema_org_type, kind.dcmi_type),
        summary=page.summary,
        key_points=tuple(point.value for point in page.key_points),
        sections=tuple(body_sections(page)),
        publication_date=PartialDate(page.publication_date, page.date_precision),
        year=page.publication_date.year if page.publication_date else None,
        authors=tuple(author.name for author in page.authors.all()),
        publisher=page.publisher,
        external_url=page.external_url,
        source=page.source,
        themes=_tags(_prefetched(page, "themes")),
        areas=_tags(_prefetched(page, "areas")),
        organisations=tuple(Tag(org.slug, org.name) for org in page.organisations.all()),
        image=_image(page),
        references=tuple(
            Reference(
                ref.authors,
                ref.year,
                ref.title,
                ref.publisher,
                ref.url,
                ref.note,
                ref.citation,
                ref.visible_target,
            )
            for ref in _prefetched(page, "references")
        ),
        recording_url=url + "recording/" if page.recording_content_type else "",
        recording_type=page.recording_content_type or "",
        duration=page.duration_iso if page.recording_content_type else "",
        series=page.series.name if page.series_id else "",
        episode_number=page.episode_number if page.series_id else None,
        cited_by=tuple(
            sorted({ref.citing_slug for ref in _prefetched(page, "citing")} - {page.slug})
        ),
        first_published_at=page.first_published_at,
        last_published_at=page.last_published_at,
    )
