"""Every visible resource's facet values, held in memory while the library's content is unchanged.

A filtered list counts each facet over the results of all the other facets' filters. Asked of the
database that is a query per facet, a query per facet's options and two for the page, each with
the visibility test inside: most of a list page's time, paid again by every theme page, every
filtered listing and every search (`bench/page_cpu.py`). The table answers the same questions with
sets of resource ids. It is built from the facet registry's own `facet_values`, the values the
search index and the archive read, over `ResourcePage.objects.visible()`, so it holds exactly what
the database holds.

It is built once per content version, in each process, and kept until the version moves on
(`security/per_version.py`). Where no version is followed, or above
`settings.FACET_TABLE_MAX_RESOURCES` visible resources (where building the table after every
publish would cost more than the queries it saves), lists ask the database as before.
"""

from dataclasses import dataclass

from django.conf import settings

from resources.facets import FACETS, facet_values, prefetches
from resources.models import ResourcePage
from security import per_version


@dataclass(frozen=True)
class FacetTable:
    """The visible resources' ids in each order a list offers, and for each facet value the ids
    that have it."""

    everything: frozenset[int]
    orders: dict[str, tuple[int, ...]]
    having: dict[str, dict[str, frozenset[int]]]

    def narrowed(self, ids: frozenset[int], name: str, values) -> frozenset[int]:
        """`ids` cut to those with any of `values` in facet `name` (values are alternatives)."""
        having = self.having[name]
        chosen = frozenset().union(*(having.get(value, frozenset()) for value in values))
        return ids & chosen

    def counts(self, ids: frozenset[int], name: str) -> dict[str, int]:
        """{value: how many of `ids` have it} for facet `name`, leaving out values none have."""
        counted = {value: len(ids & holders) for value, holders in self.having[name].items()}
        return {value: count for value, count in counted.items() if count}

    def ordered(self, ids: frozenset[int], sort: str) -> list[int]:
        return [pk for pk in self.orders[sort] if pk in ids]


def current() -> "FacetTable | None":
    """The table for the library as it is now, or None where lists should ask the database."""
    return _kept_table() if per_version.followed() else None


def build() -> FacetTable | None:
    """Read the table from the database (None when there are too many resources to hold)."""
    visible = ResourcePage.objects.visible()
    if visible.count() > settings.FACET_TABLE_MAX_RESOURCES:
        return None
    resources = list(
        visible.select_related("resource_type")
        .prefetch_related(*prefetches())
        .order_by("-publication_date", "title")
    )
    having: dict[str, dict[str, set[int]]] = {facet.name: {} for facet in FACETS}
    for resource in resources:
        for name, values in facet_values(resource).items():
            for value in values:
                having[name].setdefault(value, set()).add(resource.pk)
    # Ordered by the database, as the SQL listing is: its collation decides what "A-Z" means.
    by_title = tuple(visible.order_by("title").values_list("pk", flat=True))
    return FacetTable(
        everything=frozenset(resource.pk for resource in resources),
        orders={"date": tuple(resource.pk for resource in resources), "title": by_title},
        having={
            name: {value: frozenset(ids) for value, ids in values.items()}
            for name, values in having.items()
        },
    )


_kept_table = per_version.per_version(build)
