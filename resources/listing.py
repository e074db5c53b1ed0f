"""The filtered, counted, paginated list of resources shared by the listing, theme and search pages.

Filters come from the query string (`type`, `theme`, `region`, `area`, `year`), may repeat, and
combine: values of one filter are alternatives (OR), different filters narrow each other (AND).
Each filter's counts are taken over the results of all the *other* filters, so a reader can see
what choosing another value would give.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import ExtractYear

from areas.models import AreaPage, Region
from resources.models import ResourcePage, ResourceType
from themes.models import ThemePage

FILTERS = ("type", "theme", "region", "area", "year")
FILTER_LABELS = {
    "type": "Type",
    "theme": "Theme",
    "region": "Region",
    "area": "Area",
    "year": "Year",
}
SORTS = {"date": "Newest first", "title": "Title A–Z", "relevance": "Best match"}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: "²" passes str.isdigit() but is no year


def _clean_values(params, name):
    """The usable values of filter `name`; anything else in the address is ignored."""
    values = []
    for value in params.getlist(name):
        value = value.strip()[:100]
        if "\x00" in value or (name == "year" and not YEAR.fullmatch(value)):
            continue
        if value and value not in values:
            values.append(value)
    return values


def _restrict(queryset, name, values):
    """Narrow `queryset` to resources matching any of `values` for filter `name`."""
    if name == "type":
        return queryset.filter(resource_type__slug__in=values)
    if name == "year":
        return queryset.filter(publication_date__year__in=[int(value) for value in values])
    lookup = {
        "theme": "themes__slug__in",
        "region": "areas__region__slug__in",
        "area": "areas__slug__in",
    }
    matching = ResourcePage.objects.filter(**{lookup[name]: values}).values("pk")
    return queryset.filter(pk__in=matching)


def _counts(queryset, name):
    """{value: number of resources in `queryset`} for filter `name`."""
    if name == "type":
        rows = queryset.values_list("resource_type__slug").annotate(n=Count("pk", distinct=True))
    elif name == "year":
        rows = (
            queryset.exclude(publication_date=None)
            .annotate(y=ExtractYear("publication_date"))
            .values_list("y")
            .annotate(n=Count("pk", distinct=True))
        )
    else:
        path = {"theme": "themes__slug", "region": "areas__region__slug", "area": "areas__slug"}[
            name
        ]
        rows = (
            queryset.exclude(**{f"{path}__isnull": True})
            .values_list(path)
            .annotate(n=Count("pk", distinct=True))
        )
    return {str(value): n for value, n in rows.order_by()}


def _labels(name, values):
    """[(value, label)] in display order for every possible value of filter `name`."""
    # Pairs straight from the database: building 150 area pages to read their titles cost
    # ~10 ms a listing (profiled under load).
    if name == "type":
        return list(ResourceType.objects.values_list("slug", "name"))
    if name == "theme":
        return list(ThemePage.objects.visible().order_by("path").values_list("slug", "title"))
    if name == "region":
        return list(Region.objects.values_list("slug", "name"))
    if name == "area":
        return list(AreaPage.objects.visible().order_by("title").values_list("slug", "title"))
    return [(value, value) for value in sorted(values, reverse=True)]


class ResourceListing:
    """Builds one page of a filtered resource list and the counts for every filter."""

    def __init__(self, params, *, fixed=None, queryset=None, ranking=None, default_sort="date"):
        """`fixed` filters are imposed by the page (a theme page fixes its theme) and hidden.

        `queryset` narrows the candidates (e.g. to search hits); `ranking` is their pk order by
        relevance, used when sorting by relevance.
        """
        self.params = params
        self.fixed = fixed or {}
        self.selected = {
            name: _clean_values(params, name) for name in FILTERS if name not in self.fixed
        }
        self.base = (
            queryset if queryset is not None else ResourcePage.objects.visible()
        ).select_related("resource_type")
        for name, values in self.fixed.items():
            self.base = _restrict(self.base, name, values)
        self.ranking = ranking
        sorts = ["relevance", "date", "title"] if ranking is not None else ["date", "title"]
        requested = params.get("sort", "")
        self.sort = (
            requested
            if requested in sorts
            else (default_sort if default_sort in sorts else sorts[0])
        )
        self.sort_options = [(key, SORTS[key]) for key in sorts]

    def _filtered(self, skip=None):
        queryset = self.base
        for name, values in self.selected.items():
            if values and name != skip:
                queryset = _restrict(queryset, name, values)
        return queryset

    def _url(self, name, value, add):
        params = self.params.copy()
        params.pop("page", None)
        values = [v for v in params.getlist(name) if v != value]
        if add:
            values.append(value)
        params.setlist(name, values)
        query = params.urlencode()
        return f"?{query}" if query else "?"

    def facets(self):
        facets = []
        for name in self.selected:
            counts = _counts(self._filtered(skip=name), name)
            chosen = self.selected[name]
            options = []
            for value, label in _labels(name, counts):
                count = counts.get(value, 0)
                is_selected = value in chosen
                if count or is_selected:
                    options.append(
                        FacetOption(
                            value,
                            label,
                            count,
                            is_selected,
                            self._url(name, value, not is_selected),
                        )
                    )
            facets.append(Facet(name, FILTER_LABELS[name], options))
        return facets

    def _ordered(self, queryset):
        if self.sort == "title":
            return queryset.order_by("title")
        if self.sort == "relevance" and self.ranking is not None:
            position = {pk: i for i, pk in enumerate(self.ranking)}
            return sorted(queryset, key=lambda page: position.get(page.pk, len(position)))
        return queryset.order_by("-publication_date", "title")

    def build(self, request):
        results = self._filtered().distinct()
        paginator = Paginator(self._ordered(results), settings.RESOURCES_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        facets = self.facets()
        return {
            "page": page,
            "paginator": paginator,
            "facets": facets,
            "active_filters": [(facet, option) for facet in facets for option in facet.selected],
            "sort": self.sort,
            "sort_options": self.sort_options,
            "total": paginator.count,
            "clear_url": self._clear_url(),
        }

    def _clear_url(self):
        keep = {key: self.params.getlist(key) for key in ("q", "sort") if self.params.get(key)}
        params = self.params.copy()
        for key in list(params.keys()):
            params.pop(key)
        for key, values in keep.items():
            params.setlist(key, values)
        query = params.urlencode()
        return f"?{query}" if query else "?"
