"""Areas: the 150 Big Local neighbourhoods, each with an area summary page, grouped by region."""

from functools import lru_cache
from types import SimpleNamespace

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from areas.england_map import EnglandMap, MapDot
from security.visibility import VisiblePageManager


@register_snippet
class Region(models.Model):
    """One of the nine English regions."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    sort_order = models.PositiveIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class AreaIndexPage(Page):
    """`/areas/`: every area, grouped by region."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["areas.AreaPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        areas = AreaPage.objects.visible().child_of(self).select_related("region").order_by("title")
        by_region = {}
        for area in areas:
            by_region.setdefault(area.region_id, []).append(area)
        context["regions"] = [
            (region, by_region[region.pk])
            for region in Region.objects.all()
            if region.pk in by_region
        ]
        context["unplaced"] = by_region.get(None, [])
        context["area_count"] = len(areas)
        context["england_map"] = EnglandMap(areas, [region for region, _ in context["regions"]])
        return context


class AreaPage(Page):
    """A Big Local area and its summary: where it is, and what the library says about it."""

    objects = VisiblePageManager()

    class LocationConfidence(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        UNKNOWN = "", "Not known"

    class Status(models.TextChoices):
        UNRECORDED = "", "Not recorded"
        COMPLETED = "completed", "Completed the programme"
        DISBANDED = "disbanded", "Partnership disbanded"

    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="areas"
    )
    local_authority = models.CharField(
        max_length=200, blank=True, help_text="Council(s) the area lies in; separate two with ';'."
    )
    location_confidence = models.CharField(
        max_length=10, blank=True, choices=LocationConfidence.choices
    )
    status = models.CharField(max_length=12, blank=True, choices=Status.choices)
    our_bigger_story = models.BooleanField(
        default=False, help_text="One of the 15 areas the Our Bigger Story evaluation followed."
    )
    variant_names = models.TextField(
        blank=True, help_text="Other names documents use for this area, one per line."
    )
    summary = RichTextField(blank=True, help_text="What the area did and what changed, if known.")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("local_authority"),
                FieldPanel("location_confidence"),
            ],
            heading="Location",
        ),
        FieldPanel("status"),
        FieldPanel("our_bigger_story"),
        FieldPanel("variant_names"),
        FieldPanel("summary"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("local_authority"),
        index.SearchField("variant_names"),
        index.SearchField("summary"),
    ]
    parent_page_types = ["areas.AreaIndexPage"]
    subpage_types = []

    @property
    def local_authorities(self):
        return self.split_local_authorities(self.local_authority)

    @property
    def variants(self):
        return self.split_variants(self.variant_names)

    @staticmethod
    def split_local_authorities(text: str) -> list[str]:
        """The field's names ("Leeds; Bradford"), for a row read without its page."""
        return [name.strip() for name in (text or "").split(";") if name.strip()]

    @staticmethod
    def split_variants(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    @property
    def structured_data(self):
        data = {
            "@context": "https://schema.org",
            "@type": "Place",
            "name": self.title,
            "url": self.full_url,
            "address": {"@type": "PostalAddress", "addressCountry": "GB"},
        }
        if self.region:
            data["address"]["addressRegion"] = self.region.name
        if self.local_authorities:
            data["containedInPlace"] = [
                {"@type": "AdministrativeArea", "name": name} for name in self.local_authorities
            ]
        if self.variants:
            data["alternateName"] = self.variants
        return data

    def get_context(self, request, *args, **kwargs):
        # What the library says about the area (its resources, areas like it) comes from the
        # resources app's template tags (resources/templatetags/resource_lists.py).
        context = super().get_context(request, *args, **kwargs)
        context["neighbours"] = (
            AreaPage.objects.visible()
            .filter(region=self.region)
            .exclude(pk=self.pk)
            .order_by("title")
            if self.region_id
            else AreaPage.objects.none()
        )
        context["locator"] = self.locator_map()
        return context

    def locator_map(self):
        """The England map with just this area's dot (placed exactly as on `/areas/`)."""
        siblings = AreaPage.objects.visible().sibling_of(self).order_by("title")
        places = dot_places(tuple(siblings.values_list("pk", "region__name", "local_authority")))
        england = EnglandMap([], Region.objects.all())
        place = places.get(self.pk)
        england.dot = MapDot(self, *place) if place else None
        return england


@lru_cache(maxsize=8)
def dot_places(areas: tuple) -> dict:
    """{area id: (x, y, placed at)} for the areas (id, region name, local authorities), in map
    order: where `/areas/` draws each dot. Placing every area's dot (each pushed clear of its
    neighbours) took 45 ms of each area page; it depends only on these values, so it is kept for
    as long as they stay the same."""
    rows = [
        SimpleNamespace(
            pk=pk,
            region=SimpleNamespace(name=region_name) if region_name else None,
            local_authorities=[n.strip() for n in local_authority.split(";") if n.strip()],
        )
        for pk, region_name, local_authority in areas
    ]
    regions = {row.region.name: row.region for row in rows if row.region}
    england = EnglandMap(rows, regions.values())
    return {dot.area.pk: (dot.x, dot.y, dot.placed_at) for dot in england.dots}
