"""The facets resources are filtered and counted by, and the orders they can be listed in: one
registry (Datasette's facet registry is the model), used by every list of resources.

Each facet says what it is called in an address and on a page, which values a resource has (slugs,
or the year), how to narrow a set of resources to some values, how to count them, and its options'
labels and order. The resource listing and theme pages, the search page and its JSON, the read
API's filters, the search index and the static archive's search page all read `FACETS`, so adding
a facet is one entry here. Tags count only where the tag itself is publicly visible.
"""

import re
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.db.models.functions import ExtractYear

from areas.models import AreaPage, Region
from resources.models import ResourcePage, ResourceType
from security.per_version import per_version
from themes.models import ThemePage

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: "²" passes str.isdigit() but is no year


@dataclass(frozen=True)
class Facet:
    """A facet of resources; subclasses say where its values live."""

    name: str
    label: str
    api_help: str = ""  # how the read API describes its filter
    # Shown in the static archive's search too (a long list such as the 150 areas is not).
    in_archive: bool = True
    value_pattern: re.Pattern = SLUG
    newest_first: bool = False  # options run from the latest value, not in the tags' own order
    options_use_counts: bool = False  # its options are the values counted, not a fixed list

    def clean(self, values) -> list[str]:
        """The usable values from an address, in order, once each; anything else is ignored."""
        cleaned = (str(value).strip() for value in values)
        return list(dict.fromkeys(v for v in cleaned if self.value_pattern.fullmatch(v)))

    def options(self, counts: dict[str, int]) -> list[tuple[str, str]]:
        """(value, label) for every value the facet can have, in display order."""
        raise NotImplementedError

    def shown_options(self, counts: dict[str, int]) -> list[tuple[str, str]]:
        """`options`, kept while the library is unchanged where they do not depend on the
        counts (each was a query on every list, search and resource page)."""
        return self.options(counts) if self.options_use_counts else _fixed_options(self.name)

    def labels(self) -> dict[str, str]:
        return dict(self.shown_options({}))

    def values_of(self, resource) -> list[str]:
        """The resource's values (with `prefetch` applied to the resources it came from)."""
        raise NotImplementedError

    def narrow(self, resources, values):
        raise NotImplementedError

    def counts(self, resources) -> dict[str, int]:
        raise NotImplementedError

    prefetch = None  # what `values_of` reads, for `ResourcePage` querysets


@dataclass(frozen=True)
class TypeFacet(Facet):
    def options(self, counts):
        return list(ResourceType.objects.values_list("slug", "name"))

    def values_of(self, resource):
        return [resource.resource_type.slug]

    def narrow(self, resources, values):
        return resources.filter(resource_type__slug__in=values)

    def counts(self, resources):
        return _counted(resources.values_list("resource_type__slug"))


@dataclass(frozen=True)
class TagFacet(Facet):
    """Themes or areas: pages a resource is tagged with, by slug, when they are visible."""

    relation: str = ""
    tag_model: type | None = None
    order_by: str = "title"

    def _tags(self):
        return self.tag_model.objects.visible()

    def options(self, counts):
        # Slugs and titles only: building the 150 area pages as models took 14 ms a request.
        return list(self._tags().order_by(self.order_by).values_list("slug", "title"))

    @property
    def prefetch(self):
        return Prefetch(self.relation, queryset=self._tags(), to_attr=f"visible_{self.relation}")

    def values_of(self, resource):
        tags = getattr(resource, f"visible_{self.relation}", None)
        if tags is None:
            tags = _visible_of(getattr(resource, self.relation).all(), self._tags())
        return [tag.slug for tag in tags]

    def _tagged(self, tags):
        through = getattr(ResourcePage, self.relation).through.objects.filter(
            **{f"{self.tag_model._meta.model_name}__in": tags}
        )
        return through.values("resourcepage")

    def narrow(self, resources, values):
        return resources.filter(pk__in=self._tagged(self._tags().filter(slug__in=values)))

    def counts(self, resources):
        tagged = resources.filter(**{f"{self.relation}__in": self._tags()})
        return _counted(tagged.values_list(f"{self.relation}__slug"))


@dataclass(frozen=True)
class RegionFacet(TagFacet):
    """The regions of the visible areas a resource is tagged with."""

    def options(self, counts):
        return list(Region.objects.values_list("slug", "name"))

    @property
    def prefetch(self):
        areas = AreaPage.objects.visible().select_related("region")
        return Prefetch("areas", queryset=areas, to_attr="visible_areas_with_regions")

    def values_of(self, resource):
        areas = getattr(resource, "visible_areas_with_regions", None)
        if areas is None:
            areas = _visible_of(resource.areas.all(), AreaPage.objects.visible())
            chosen = Region.objects.filter(pk__in={area.region_id for area in areas})
            regions = dict(chosen.values_list("pk", "slug"))
            return sorted({regions[area.region_id] for area in areas if area.region_id})
        return sorted({area.region.slug for area in areas if area.region_id})

    def narrow(self, resources, values):
        return resources.filter(pk__in=self._tagged(self._tags().filter(region__slug__in=values)))

    def counts(self, resources):
        tagged = resources.filter(areas__in=self._tags(), areas__region__isnull=False)
        return _counted(tagged.values_list("areas__region__slug"))


@dataclass(frozen=True)
class YearFacet(Facet):
    value_pattern: re.Pattern = YEAR
    newest_first: bool = True
    options_use_counts: bool = True

    def options(self, counts):
        return [(value, value) for value in sorted(counts, reverse=True)]

    def values_of(self, resource):
        return [str(resource.publication_date.year)] if resource.publication_date else []

    def narrow(self, resources, values):
        return resources.filter(publication_date__year__in=[int(value) for value in values])

    def counts(self, resources):
        dated = resources.exclude(publication_date=None).annotate(y=ExtractYear("publication_date"))
        return _counted(dated.values_list("y"))


def _counted(rows) -> dict[str, int]:
    """{value: resources} from `values_list(value)` rows of resources."""
    grouped = rows.annotate(n=Count("pk", distinct=True)).order_by()
    return {str(value): n for value, n in grouped if value is not None}


FACETS = (
    TypeFacet("type", "Type", "Resource type slug(s), e.g. `report`."),
    TagFacet(
        "theme", "Theme", "Theme slug(s).", relation="themes", tag_model=ThemePage, order_by="path"
    ),
    RegionFacet(
        "region",
        "Region",
        "Region slug(s), e.g. `north-east`.",
        relation="areas",
        tag_model=AreaPage,
    ),
    TagFacet(
        "area", "Area", "Big Local area slug(s).", False, relation="areas", tag_model=AreaPage
    ),
    YearFacet("year", "Year", "Year of publication."),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}


@per_version
def _fixed_options(name: str) -> list[tuple[str, str]]:
    return FACETS_BY_NAME[name].options({})


# The orders a list can be in; each list offers those that make sense for it.
SORTS = {"relevance": "Best match", "date": "Newest first", "title": "Title A–Z"}


def _visible_of(tags, visible) -> list:
    """Those of a resource's `tags` the public may see. The tags are read as a list first: in a
    preview they are the draft's, held in memory, and cannot be filtered in SQL."""
    tags = list(tags)
    shown = set(visible.filter(pk__in=[tag.pk for tag in tags]).values_list("pk", flat=True))
    return [tag for tag in tags if tag.pk in shown]


def chosen_filters(params) -> dict[str, list[str]]:
    """{facet name: values} chosen in a query string, cleaned; facets with nothing chosen left out."""
    chosen = {facet.name: facet.clean(params.getlist(facet.name)) for facet in FACETS}
    return {name: values for name, values in chosen.items() if values}


def facet_values(resource) -> dict[str, list[str]]:
    """Every facet's values for one resource (the search index and the archive read these)."""
    return {facet.name: facet.values_of(resource) for facet in FACETS}


def labelled_facet_values(resource, *, archive_only=False) -> list[tuple[str, list[str]]]:
    """(facet name, the resource's values as labels) for each facet (shown in the archive)."""
    pairs = []
    for facet in FACETS:
        if facet.in_archive or not archive_only:
            values = facet.values_of(resource)
            labels = facet.labels() if values else {}
            pairs.append((facet.name, [labels.get(v, v) for v in values]))
    return pairs


def archive_facets() -> list[dict]:
    """The facets the archive's search page offers, for its script."""
    return [
        {"name": facet.name, "label": facet.label, "newestFirst": facet.newest_first}
        for facet in FACETS
        if facet.in_archive
    ]


def prefetches():
    """What `facet_values` reads, for querysets of many resources."""
    return [facet.prefetch for facet in FACETS if facet.prefetch is not None]
