"""Resources: the items of the library (Q&A articles, reports, stories ...) and their listing page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from resources.partial_dates import DatePrecision, format_partial_date
from resources.record import body_sections
from resources.recording import recording_response, recording_type
from resources.transcripts import TranscriptBlock, format_timestamp, iso_duration
from security.per_version import per_version
from security.sanitiser import clean_html
from security.visibility import VisiblePageManager

# The page header's byline: its parts' separator, and the id "ask the library" links a quote of it to.
BYLINE_SEPARATOR = " · "
BYLINE_ANCHOR = "about-this-resource"


@register_snippet
class ResourceType(models.Model):
    """A kind of resource: Q&A article, Report, Area summary, Story, Guidance ...

    A type carries everything that depends on it, so no code names a type: what it is called in
    schema.org, CSL (citations), RIS, BibTeX and Dublin Core, and how the site treats it. A type
    added in the CMS or in corpus/resource-types.csv works everywhere at once.
    """

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    plural = models.CharField(max_length=80, blank=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    title_is_question = models.BooleanField(
        default=False,
        help_text="Each asks a question in its title and answers it (Q&A articles): these lead "
        "the home page's Start here, follow an answer in Ask the library, and the importer "
        "chooses this type only for a title that is a question.",
    )
    offers_plain_text = models.BooleanField(
        default=False,
        help_text="Pages link a plain-text version, for screen readers and copying (long "
        "documents such as reports).",
    )
    schema_org_type = models.CharField(
        "schema.org type", max_length=60, default="Article", help_text="e.g. Report, NewsArticle."
    )
    csl_type = models.CharField(
        "CSL type",
        max_length=40,
        default="webpage",
        help_text="For citations: e.g. webpage, report, article-newspaper, broadcast.",
    )
    ris_type = models.CharField(
        "RIS type", max_length=10, default="GEN", help_text="For reference managers: e.g. RPRT."
    )
    bibtex_type = models.CharField(
        "BibTeX type", max_length=20, default="misc", help_text="e.g. techreport."
    )
    dcmi_type = models.CharField(
        "DCMI type", max_length=20, default="Text", help_text="For OAI-PMH: Text, Sound, Image …"
    )
    import_labels = models.TextField(
        blank=True,
        help_text="Words that name this type on a page's label line, in a title or in a file "
        "name (case study, press release); one per line.",
    )
    import_title_openings = models.TextField(
        blank=True, help_text="How titles of this type often begin (how to); one per line."
    )
    import_phrases = models.TextField(
        blank=True,
        help_text="Phrases the opening of such a text often uses (this report); one per line.",
    )
    import_signals = models.TextField(
        blank=True,
        help_text="Signs in a document's shape that point to this type, one per line, from: "
        "question-title, key-points, author-date-citations, report-headings, "
        "dated-to-the-day, byline, web-page, speaker-turns, first-person.",
    )
    import_default = models.BooleanField(
        default=False,
        help_text="The type an imported document gets when nothing points to another.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("plural"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [FieldPanel("title_is_question"), FieldPanel("offers_plain_text")],
            heading="How the site treats it",
        ),
        MultiFieldPanel(
            [
                FieldPanel("import_labels"),
                FieldPanel("import_title_openings"),
                FieldPanel("import_phrases"),
                FieldPanel("import_signals"),
                FieldPanel("import_default"),
            ],
            heading="How the importer recognises it",
        ),
        MultiFieldPanel(
            [
                FieldPanel("schema_org_type"),
                FieldPanel("csl_type"),
                FieldPanel("ris_type"),
                FieldPanel("bibtex_type"),
                FieldPanel("dcmi_type"),
            ],
            heading="Its names in metadata standards",
        ),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @staticmethod
    def lines(text: str) -> tuple[str, ...]:
        """A one-per-line field's entries (a ';' also separates, as in the corpus file)."""
        return tuple(p.strip() for p in text.replace(";", "\n").splitlines() if p.strip())


class SectionBlock(blocks.StructBlock):
    """A headed section of a resource's body; its heading gives the `#anchor` links point to."""

    heading = blocks.CharBlock(max_length=250)
    content = blocks.RichTextBlock()

    class Meta:
        icon = "doc-full"
        template = "resources/blocks/section.html"


@register_snippet
class Series(models.Model):
    """A podcast (or any run of episodes): its episodes link to each other in order."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name_plural = "series"
        ordering = ["name"]

    def __str__(self):
        return self.name


class ResourceIndexPage(Page):
    """`/resources/`: every resource, with filters that combine and show counts."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from resources.listing import ResourceListing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = ResourceListing(request.GET).build(request)
        return context


class ResourcePage(RoutablePageMixin, Page):
    """One item in the library."""

    objects = VisiblePageManager()

    resource_type = models.ForeignKey(ResourceType, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(
        help_text="Two or three sentences shown in lists and search results."
    )
    key_points = StreamField([("point", blocks.TextBlock())], blank=True)
    body = StreamField(
        [
            ("section", SectionBlock()),
            ("paragraph", blocks.RichTextBlock()),
            ("transcript", TranscriptBlock()),
        ],
        blank=True,
    )
    themes = ParentalManyToManyField("themes.ThemePage", blank=True, related_name="resources")
    areas = ParentalManyToManyField("areas.AreaPage", blank=True, related_name="resources")
    organisations = ParentalManyToManyField(
        "organisations.Organisation", blank=True, related_name="resources"
    )
    # Indexed: the home page's latest resources are the newest few of them all.
    publication_date = models.DateField(null=True, blank=True, db_index=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    publisher = models.CharField(max_length=300, blank=True)
    external_url = models.URLField(
        max_length=500, blank=True, help_text="Where the full resource can be read, if elsewhere."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_caption = models.CharField(max_length=300, blank=True)
    hero_credit = models.CharField(max_length=200, blank=True)
    source = models.TextField(
        blank=True,
        help_text="Where this resource came from (the original document, who supplied it).",
    )
    content_hash = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="SHA-256 of the imported file."
    )
    recording = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The audio of a podcast episode (MP3, Ogg, WAV, FLAC or M4A): played on the "
        "page above its transcript.",
    )
    duration = models.DurationField(
        null=True, blank=True, help_text="How long the recording is (hh:mm:ss)."
    )
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="episodes"
    )
    episode_number = models.PositiveIntegerField(null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("resource_type"),
        FieldPanel("summary"),
        FieldPanel("key_points"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("authors", label="Author"),
                FieldPanel("publication_date"),
                FieldPanel("date_precision"),
                FieldPanel("publisher"),
                FieldPanel("external_url"),
            ],
            heading="Publication",
        ),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("areas"), FieldPanel("organisations")],
            heading="Tags",
        ),
        InlinePanel("references", label="Reference"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading="Hero image",
        ),
        MultiFieldPanel(
            [
                FieldPanel("recording"),
                FieldPanel("duration"),
                FieldPanel("series"),
                FieldPanel("episode_number"),
            ],
            heading="Recording (podcast episodes)",
        ),
        InlinePanel("attachments", label="Attachment"),
        FieldPanel("source"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("key_points"),
        index.SearchField("body"),
        index.FilterField("resource_type"),
        index.FilterField("publication_date"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "resource"

    @property
    def display_date(self):
        return format_partial_date(self.publication_date, self.date_precision)

    @property
    def year(self):
        return self.publication_date.year if self.publication_date else None

    @cached_property
    def author_names(self):
        return [author.name for author in self.authors.all()]

    def byline_parts(self) -> list[tuple[str, str]]:
        """What the page's header says of who made the resource and when, as (kind, text):
        "By <authors>", the date, the publisher when it is not an author."""
        parts = []
        if self.author_names:
            parts.append(("authors", "By " + ", ".join(self.author_names)))
        if self.display_date:
            parts.append(("date", self.display_date))
        if self.publisher and self.publisher not in self.author_names:
            parts.append(("publisher", self.publisher))
        return parts

    def byline(self) -> str:
        """The header's byline as plain text ("By Ann Lee · July 2020 · Local Trust"): the words
        "ask the library" quotes for "who wrote ...?" and "when was ... published?"."""
        return BYLINE_SEPARATOR.join(text for _, text in self.byline_parts())

    def byline_html(self) -> str:
        shown = []
        for kind, text in self.byline_parts():
            # Plain strings of escaped text: the page passes them through the sanitiser.
            if kind == "date" and self.date_precision == "day":
                day = escape(self.publication_date.isoformat())
                shown.append(f'<time datetime="{day}">{escape(text)}</time>')
            elif kind == "date":
                shown.append(f"<time>{escape(text)}</time>")
            else:
                shown.append(str(escape(text)))
        return BYLINE_SEPARATOR.join(shown)

    def sections(self):
        """(heading, anchor) for each headed section and the transcript: the contents list."""
        found = []
        for block in self.body:
            if block.block_type == "section":
                found.append((block.value["heading"], slugify(block.value["heading"])))
            elif block.block_type == "transcript":
                found.append(("Transcript", "transcript"))
        return found

    def clean(self):
        super().clean()
        if self.recording_id and recording_type(self.recording) is None:
            raise ValidationError(
                {
                    "recording": "This file is not a recording the site can play: choose an MP3, "
                    "Ogg, WAV, FLAC or M4A file."
                }
            )

    @property
    def duration_text(self) -> str:
        return format_timestamp(self.duration.total_seconds()) if self.duration else ""

    @property
    def duration_iso(self) -> str:
        return iso_duration(self.duration.total_seconds()) if self.duration else ""

    @cached_property
    def recording_content_type(self) -> str | None:
        return recording_type(self.recording) if self.recording_id else None

    def episodes(self):
        """The visible episodes of this resource's series, in order (this one among them)."""
        return self._episodes

    @cached_property
    def _episodes(self):
        if not self.series_id:
            return []
        return list(
            ResourcePage.objects.visible()
            .filter(series_id=self.series_id)
            .order_by(models.F("episode_number").asc(nulls_last=True), "publication_date", "title")
        )

    def episode_neighbours(self):
        """(previous, next) episode of the series, either None at the ends."""
        episodes = self.episodes()
        ids = [episode.pk for episode in episodes]
        if self.pk not in ids:
            return None, None
        at = ids.index(self.pk)
        previous = episodes[at - 1] if at > 0 else None
        following = episodes[at + 1] if at + 1 < len(episodes) else None
        return previous, following

    def shown_references(self):
        """The references in order, each with `library_target`: the library resource it resolves
        to, but only when the public may see that resource."""
        references = list(self.references.select_related("target"))
        targets = [reference.target_id for reference in references if reference.target_id]
        visible = set(
            ResourcePage.objects.visible().filter(pk__in=targets).values_list("pk", flat=True)
        )
        for reference in references:
            reference.library_target = reference.target if reference.target_id in visible else None
        return references

    def cited_by(self):
        """Live resources whose references resolve to this one."""
        return (
            ResourcePage.objects.visible()
            .filter(references__target=self)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("title")
        )

    def related_resources(self, limit=4):
        """Live resources sharing the most themes and areas with this one."""
        # Read as lists: in a preview the draft's tags are held in memory, not in SQL.
        theme_ids = [theme.pk for theme in self.themes.all()]
        area_ids = [area.pk for area in self.areas.all()]
        if not theme_ids and not area_ids:
            return ResourcePage.objects.none()
        return (
            ResourcePage.objects.visible()
            .exclude(pk=self.pk)
            .annotate(
                shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
                + Count("areas", filter=Q(areas__in=area_ids), distinct=True)
            )
            .filter(shared__gt=0)
            .select_related("resource_type")
            .order_by("-shared", "-publication_date", "title")[:limit]
        )

    @classmethod
    def most_cited(cls):
        # Narrowed to cited resources first: grouping every resource to count its citations took
        # 430 ms of each home page at 100,000 resources; only the few cited ones need counting.
        citing = cls.objects.visible().values("pk")
        cited = ResourceReference.objects.filter(page__in=citing).values("target_id")
        return (
            cls.objects.visible()
            .filter(pk__in=cited)
            .annotate(
                citations=Count(
                    "incoming_references",
                    filter=Q(incoming_references__page__in=citing),
                    distinct=True,
                )
            )
            .filter(citations__gt=0)
            .select_related("resource_type")
            .order_by("-citations", "title")
        )

    @cached_property
    def public_record(self):
        """What every output says about this resource (see resources/record.py)."""
        from resources.record import record_of

        return record_of(self)

    @cached_property
    def structured_data(self):
        """schema.org metadata for search engines and citation tools (rendered as JSON-LD)."""
        from resources.schema_org import structured_data

        return structured_data(self.public_record)

    @cached_property
    def summary_repeats_body(self) -> bool:
        """Imported summaries are often the opening paragraph: then the page shows it once."""
        if not self.summary or not self.body:
            return False
        return self.summary.strip()[:120] in body_sections(self)[0].text

    def body_html(self):
        """The rendered body with glossary terms marked (see glossary/marking.py), sanitised."""
        from glossary.marking import mark_glossary_terms

        rendered = "\n".join(block.render() for block in self.body)
        return clean_html(mark_glossary_terms(rendered))

    def quoted_text(self, quote: str) -> dict:
        """Summary, key points and body for the page, with ``quote`` marked where it first
        appears (``?highlight=``, from "ask the library"; see resources/quote_marks.py)."""
        from resources.quote_marks import mark_in_html, mark_in_text, quote_pattern

        pattern = quote_pattern(quote)
        marked = False

        def text(value):
            nonlocal marked
            found = None if marked else mark_in_text(value, pattern, first=True)
            marked = marked or found is not None
            return found or value

        # The summary is shown (and so marked) only when it is not the body's opening.
        summary = self.summary if self.summary_repeats_body else text(self.summary)
        key_points = [text(point.value) for point in self.key_points]
        body = self.body_html()
        if not marked:
            found = mark_in_html(body, pattern, first=True)
            marked, body = found is not None, found or body
        byline = self.byline_html()
        if not marked:
            byline = mark_in_html(byline, pattern, first=True) or byline
        return {
            "summary_text": summary,
            "key_point_texts": key_points,
            "body": clean_html(body),
            "byline": clean_html(byline),
        }

    def plain_text(self) -> str:
        """The whole resource as plain text: for screen-reader users and for reuse."""
        resource = self.public_record
        lines = [resource.title, "=" * len(resource.title), ""]
        facts = [resource.type.name, ", ".join(resource.authors), resource.publication_date.shown]
        lines += [" | ".join(fact for fact in facts if fact), ""]
        if not self.summary_repeats_body:
            lines += [resource.summary, ""]
        if resource.key_points:
            lines += ["Key points", "----------"]
            lines += [f"- {point}" for point in resource.key_points] + [""]
        for section in resource.sections:
            if section.heading:
                lines += [section.heading, "-" * len(section.heading)]
            lines += [section.text, ""]
        if resource.references:
            lines += ["References", "----------"]
            lines += [reference.text for reference in resource.references]
        return "\n".join(lines).strip() + "\n"

    @path("")
    def resource(self, request):
        return self.render(request)

    @path("text/", name="plain_text")
    def plain_text_version(self, request):
        response = HttpResponse(self.plain_text(), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{self.slug}.txt"'
        return response

    @path("recording/", name="recording")
    def recording_file(self, request):
        """The recording, played in the page (byte ranges, so a reader can seek)."""
        if not self.recording_content_type:
            raise Http404("This resource has no recording")
        return recording_response(request, self.recording, self.recording_content_type)

    @path("cite/ris/", name="cite_ris")
    def cite_ris(self, request):
        from resources.citations import ris

        return self._download(ris(self), "application/x-research-info-systems", "ris")

    @path("cite/bibtex/", name="cite_bibtex")
    def cite_bibtex(self, request):
        from resources.citations import bibtex

        return self._download(bibtex(self), "application/x-bibtex", "bib")

    def _download(self, text, content_type, extension):
        response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.{extension}"'
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        highlight = request.GET.get("highlight", "")
        if getattr(request, "is_preview", False):
            shown = self.shown()
        else:
            # Served from the tree, the page is the published one as stored: what it shows is
            # the same for every reader until the library changes.
            shown = _shown_as_published(self)
            self.public_record = shown["record"]
        context.update(shown["text"] if not highlight else self.quoted_text(highlight))
        context.update(shown["around"])
        return context

    def shown(self) -> dict:
        """What the page shows: the record, its text (nothing highlighted), and around it the
        citations, references, citing and related resources and episodes, read in full."""
        from resources.citations import citations
        from resources.facets import labelled_facet_values

        previous_episode, next_episode = self.episode_neighbours()
        around = {
            "citations": citations(self),
            "archive_filters": labelled_facet_values(self, archive_only=True),
            "references": self.shown_references(),
            "cited_by": list(self.cited_by()),
            "related": list(self.related_resources()),
            "episodes": self.episodes(),
            "previous_episode": previous_episode,
            "next_episode": next_episode,
        }
        return {"record": self.public_record, "text": self.quoted_text(""), "around": around}


@per_version
def _shown_as_published(page: ResourcePage) -> dict:
    """`page.shown()` for a resource as published, kept while the library is unchanged (pages
    compare by id, so any reader's copy of the page finds it): a resource page that renders
    again asked for its record, facets, references, citing and related resources afresh, about
    half of its render."""
    return page.shown()


class ResourceAuthor(Orderable):
    """A person or organisation credited as author, in credit order."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(max_length=200)

    panels = [FieldPanel("name")]

    def __str__(self):
        return self.name


class ResourceAttachment(Orderable):
    """A file that belongs to a resource, such as the original PDF it was imported from."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class ResourceReference(Orderable):
    """A structured reference; `target` is set when it points at a resource in this library."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="references")
    citation = models.TextField(blank=True, help_text="The reference as written in the source.")
    authors = models.CharField(max_length=500, blank=True)
    year = models.PositiveIntegerField(null=True, blank=True)
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=500, blank=True)
    note = models.CharField(max_length=300, blank=True)
    target = models.ForeignKey(
        ResourcePage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incoming_references",
        help_text="The resource in this library the reference points to, if any.",
    )

    panels = [
        FieldPanel("authors"),
        FieldPanel("year"),
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldPanel("url"),
        FieldPanel("note"),
        FieldPanel("target"),
        FieldPanel("citation"),
    ]

    def __str__(self):
        return f"{self.authors} ({self.year}) {self.title}"
