"""A filtered, counted, paginated list of resources, and the filter panel every list shows.

Filters come from the query string (the facets of `resources/facets.py`), may repeat, and combine:
values of one facet are alternatives (OR), different facets narrow each other (AND). Each facet's
counts are taken over the results of all the *other* facets' filters, so a reader can see what
choosing another value would give. `ResourceListing` answers from the database (the resource list
and theme pages), through the facet table while the library is unchanged
(`resources/facet_table.py`); the search page answers from the search index and shows the same
`ListPage` through the same template (`includes/_filtered_list.html`).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.http import QueryDict

from resources import facet_table
from resources.facets import FACETS, FACETS_BY_NAME, SORTS, chosen_filters
from resources.models import ResourcePage


def with_changes(params: QueryDict, **changes) -> str:
    """This page's address with some parameters changed (None removes one) and the page reset."""
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query.setlist(key, value if isinstance(value, list) else [value])
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    facet: str
    params: QueryDict

    @property
    def url(self):
        """This page with the option toggled. Built only where the template shows one (active
        filters): copying the query string for each of 150 areas took longer than the search."""
        current = self.params.getlist(self.facet)
        toggled = (
            [v for v in current if v != self.value] if self.selected else [*current, self.value]
        )
        return with_changes(self.params, **{self.facet: toggled})


@dataclass
class FacetGroup:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


def filter_panel(params, counts, chosen, *, skip=()) -> list[FacetGroup]:
    """The filter panel: for each facet (but those in `skip`), its options with a count or chosen,
    in the facet's own order. `counts` is {facet: {value: count}}, `chosen` {facet: [value]}."""
    groups = []
    for facet in FACETS:
        if facet.name in skip:
            continue
        facet_counts, picked = counts.get(facet.name, {}), chosen.get(facet.name, [])
        options = [
            FacetOption(
                value, label, facet_counts.get(value, 0), value in picked, facet.name, params
            )
            for value, label in facet.shown_options(facet_counts)
            if facet_counts.get(value) or value in picked
        ]
        groups.append(FacetGroup(facet.name, facet.label, options))
    return groups


@dataclass
class ListPage:
    """One page of a filtered list, as `includes/_filtered_list.html` shows it."""

    groups: list[FacetGroup]
    items: list
    card_template: str
    total: int
    sort: str
    sorts: list[str]
    params: QueryDict
    page_number: int = 1
    pages: int = 1
    query: str = ""
    action: str = ""
    did_you_mean: str | None = None

    @property
    def has_filters(self):
        """Whether there is anything to filter by (an empty list offers no filter panel)."""
        return any(group.options for group in self.groups)

    @property
    def active_filters(self):
        return [(group, option) for group in self.groups for option in group.selected]

    @property
    def sort_options(self):
        return [(key, SORTS[key]) for key in self.sorts]

    @property
    def clear_url(self):
        keep = {key: self.params.get(key) for key in ("q", "sort") if self.params.get(key)}
        return with_changes(QueryDict(), **keep)

    @property
    def previous_url(self):
        return (
            with_changes(self.params, page=str(self.page_number - 1))
            if self.page_number > 1
            else None
        )

    @property
    def next_url(self):
        if self.page_number >= self.pages:
            return None
        return with_changes(self.params, page=str(self.page_number + 1))

    @property
    def did_you_mean_url(self):
        return with_changes(QueryDict(), q=self.did_you_mean) if self.did_you_mean else None


class ResourceListing:
    """Builds one page of a filtered resource list, with every facet's counts: from the facet
    table when there is one, else from the database (the same answer either way)."""

    SORTS = ("date", "title")

    def __init__(self, params, *, fixed=None, table=None):
        """`fixed` filters are imposed by the page (a theme page fixes its theme) and hidden.
        `table` is the facet table to answer from: the current one unless given (False: ask
        the database)."""
        self.params = params
        self.fixed = fixed or {}
        self.chosen = {k: v for k, v in chosen_filters(params).items() if k not in self.fixed}
        self.table = facet_table.current() if table is None else table or None
        self.base = ResourcePage.objects.visible().select_related("resource_type")
        for name, values in self.fixed.items():
            self.base = FACETS_BY_NAME[name].narrow(self.base, values)
        requested = params.get("sort", "")
        self.sort = requested if requested in self.SORTS else self.SORTS[0]

    def _filtered(self, skip=None):
        resources = self.base
        for name, values in self.chosen.items():
            if name != skip:
                resources = FACETS_BY_NAME[name].narrow(resources, values)
        return resources

    def _filtered_ids(self, skip=None) -> frozenset[int]:
        ids = self.table.everything
        for name, values in self.fixed.items():
            ids = self.table.narrowed(ids, name, values)
        for name, values in self.chosen.items():
            if name != skip:
                ids = self.table.narrowed(ids, name, values)
        return ids

    def _counts(self):
        if self.table:
            return {
                facet.name: self.table.counts(self._filtered_ids(skip=facet.name), facet.name)
                for facet in FACETS
                if facet.name not in self.fixed
            }
        return {
            facet.name: facet.counts(self._filtered(skip=facet.name))
            for facet in FACETS
            if facet.name not in self.fixed
        }

    def _ordered(self, resources):
        if self.sort == "title":
            return resources.order_by("title")
        return resources.order_by("-publication_date", "title")

    def _page(self, request):
        """(the page, the resources on it)."""
        if not self.table:
            paginator = Paginator(
                self._ordered(self._filtered().distinct()), settings.RESOURCES_PER_PAGE
            )
            page = paginator.get_page(request.GET.get("page"))
            return page, list(page.object_list)
        ordered = self.table.ordered(self._filtered_ids(), self.sort)
        page = Paginator(ordered, settings.RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
        ids = list(page.object_list)
        # Still through visible(): the table is the library at this version, and so is this.
        found = ResourcePage.objects.visible().select_related("resource_type").in_bulk(ids)
        return page, [found[pk] for pk in ids if pk in found]

    def build(self, request) -> ListPage:
        page, items = self._page(request)
        return ListPage(
            groups=filter_panel(self.params, self._counts(), self.chosen, skip=self.fixed),
            items=items,
            card_template="includes/resource_card.html",
            total=page.paginator.count,
            sort=self.sort,
            sorts=list(self.SORTS),
            params=self.params,
            page_number=page.number,
            pages=page.paginator.num_pages,
        )
